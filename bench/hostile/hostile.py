#!/usr/bin/env python3
"""Sends the hostile inputs of issue 13 to the inbound receiver, one at a time, and prints a Markdown table row for
each: the status and reason answered, time to answer, message and attachment rows stored by it, and health after
(/health/ready and a normal message). Inputs that broke a group-commit batch are sent together with 20 normal
messages, whose statuses are reported too.
Usage: hostile.py URL KEY USER PASSWORD sqlite|postgres DATABASE (the SQLite file or the PostgreSQL database name)"""
import base64, http.client, json, subprocess, sys, threading, time, urllib.parse

base, key, user, password, provider, database = sys.argv[1:7]
url = urllib.parse.urlsplit(base)
path = f"/api/inbound/{key}"
auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
headers = {"Content-Type": "application/json", "Authorization": auth}


def counts():
    sql = 'SELECT (SELECT COUNT(*) FROM "Messages"), (SELECT COUNT(*) FROM "MessageAttachments");'
    command = (["sqlite3", "-batch", "-separator", " ", database] if provider == "sqlite"
               else ["psql", "-h", "127.0.0.1", "-U", "portal", "-d", database, "-At", "-F", " "])
    output = subprocess.run(command, input=sql, capture_output=True, text=True, check=True, env={"PGPASSWORD": "portal", "PATH": "/usr/bin:/bin"})
    return tuple(int(v) for v in output.stdout.split())


def post(body, chunked=False):
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    begin = time.monotonic()
    try:
        try:
            if chunked:
                connection.request("POST", path, body=iter(body), headers=headers, encode_chunked=True)
            else:
                connection.request("POST", path, body=body, headers=headers)
        except OSError:
            pass  # the portal answered and closed while the body was still being sent; its answer is read below
        response = connection.getresponse()
        answer = response.read()
        try:
            reason = json.loads(answer).get("error", "")
        except ValueError:
            reason = answer[:60].decode("utf-8", "replace").replace("\n", " ")
        return response.status, reason, time.monotonic() - begin
    except (OSError, http.client.HTTPException) as error:
        return None, f"no answer: {error.__class__.__name__}", time.monotonic() - begin
    finally:
        connection.close()


def normal(number):
    return json.dumps({"table": "incident", "event": "insert", "record": {"number": number, "short_description": "normal"}}).encode()


def health():
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    connection.request("GET", "/health/ready")
    ready = connection.getresponse().status
    connection.close()
    status, _, _ = post(normal("INCHEALTH"))
    return f"ready {ready}, next message {status}"


def with_others(body):
    """The input and 20 normal messages at once, so that they share the writer's batch."""
    results = [None] * 21
    def send(i):
        results[i] = post(body if i == 0 else normal(f"INC{i:07d}"))
    threads = [threading.Thread(target=send, args=(i,)) for i in range(21)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    others = [r[0] for r in results[1:]]
    return results[0], others


def chunks(total, size=64 * 1024):
    yield b'{"table":"incident","description":"'
    sent = 0
    while sent < total:
        yield b"x" * size
        sent += size
    yield b'"}'


attachments = 3_400_000
cases = [
    ("NUL in a field (`\\u0000` in number)", lambda: with_others(b'{"table":"incident","number":"INC\\u0000NUL"}')),
    ("surrogate pair cut by the column length (number of 39 chars + emoji)",
     lambda: with_others(('{"table":"incident","number":"INC' + "x" * 36 + '\U0001F600"}').encode())),
    ("escaped lone surrogate (`\"\\ud800x\"` in number)", lambda: (post(b'{"table":"incident","number":"\\ud800x"}'), [])),
    ("truncated body (`{\"a\":`)", lambda: (post(b'{"a":'), [])),
    ("deep nesting (100,000 levels)", lambda: (post(b'{"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}"), [])),
    ("chunked body of 12 MB (limit 10 MB)", lambda: (post(chunks(12 * 1024 * 1024), chunked=True), [])),
    (f"{attachments:,} empty attachments (10.2 MB body)",
     lambda: (post(b'{"attachments":[' + b",".join([b"{}"] * attachments) + b"]}"), [])),
]

print("| Input | Status | Reason | Answer time | Rows stored (messages / attachments) | Health after |")
print("|---|---|---|---|---|---|")
for name, send in cases:
    before = counts()
    (status, reason, elapsed), others = send()
    after = counts()
    stored = (after[0] - before[0] - others.count(202), after[1] - before[1])
    if others:
        reason += f"; the 20 sent with it: {others.count(202)}×202" + "".join(f", {others.count(s)}×{s}" for s in sorted(set(others) - {202}, key=str))
    print(f"| {name} | {status} | {reason[:110]} | {elapsed * 1000:,.0f} ms | {stored[0]} / {stored[1]:,} | {health()} |", flush=True)
