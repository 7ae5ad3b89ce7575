#!/usr/bin/env python3
"""Wrong-password floods against the inbound receiver, each for --seconds from --threads threads, in three shapes:
one client address and a real key; a new 127.0.x.y address per request and a real key; a new address and an
invented key per request. During each flood a legitimate sender (from 127.0.0.250) posts every second with a
credential already verified, and every 2 s with one not yet verified (the next of the FRESH endpoints).
Prints per flood: wrong-password requests/s (every password new, so none is answered from the cache), those the
receiver hashed (answered 401), the statuses, the portal's CPU use (of all cores), and the legitimate requests'
latencies.
Usage: bruteforce.py URL PID KEY USER PASSWORD FRESH_KEY:PASSWORD,... [--seconds 15] [--threads 8]"""
import argparse, base64, http.client, itertools, json, os, threading, time, urllib.parse

parser = argparse.ArgumentParser()
for name in ("url", "pid", "key", "user", "password", "fresh"):
    parser.add_argument(name)
parser.add_argument("--seconds", type=float, default=15)
parser.add_argument("--threads", type=int, default=8)
args = parser.parse_args()
url = urllib.parse.urlsplit(args.url)
fresh = iter([item.split(":", 1) for item in args.fresh.split(",")])
ticks = os.sysconf("SC_CLK_TCK")


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def post(key, authorization, source=None, connection=None):
    own = connection is None
    if own:
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60, source_address=(source, 0) if source else None)
    begin = time.monotonic()
    try:
        connection.request("POST", f"/api/inbound/{key}", b'{"table":"incident","number":"INC0000001"}',
                           {"Content-Type": "application/json", "Authorization": authorization})
        response = connection.getresponse()
        response.read()
        return response.status, time.monotonic() - begin
    except (OSError, http.client.HTTPException):
        if not own:
            connection.close()
        return None, time.monotonic() - begin
    finally:
        if own:
            connection.close()


def cpu_seconds():
    fields = open(f"/proc/{args.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / ticks


def flood(shape):
    stop = threading.Event()
    statuses, lock = {}, threading.Lock()
    counter = itertools.count()

    def attacker(index):
        connection = None
        while not stop.is_set():
            n = next(counter)
            if shape == "one address, real key":
                connection = connection or http.client.HTTPConnection(url.hostname, url.port, timeout=60)
                status, _ = post(args.key, basic(args.user, f"{shape}-{n}"), connection=connection)
                if status is None:
                    connection = None
            else:
                source = f"127.0.{1 + n // 250 % 200}.{1 + n % 250}"
                key = args.key if shape == "new address each, real key" else f"invented{n}"
                status, _ = post(key, basic(args.user, f"{shape}-{n}"), source=source)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    legit = {"verified": [], "first": []}

    def sender():
        tick = 0
        while not stop.wait(1):
            tick += 1
            legit["verified"].append(post(args.key, basic(args.user, args.password), source="127.0.0.250"))
            if tick % 2 == 0:
                item = next(fresh, None)
                if item:
                    legit["first"].append(post(item[0], basic(args.user, item[1]), source="127.0.0.250"))

    threads = [threading.Thread(target=attacker, args=(i,)) for i in range(args.threads)] + [threading.Thread(target=sender)]
    cpu_before, started = cpu_seconds(), time.monotonic()
    for t in threads:
        t.start()
    time.sleep(args.seconds)
    stop.set()
    for t in threads:
        t.join()
    duration = time.monotonic() - started
    cpu = (cpu_seconds() - cpu_before) / duration / os.cpu_count() * 100
    total = sum(statuses.values())

    def describe(samples):
        if not samples:
            return "none"
        times = sorted(t for _, t in samples)
        codes = sorted({str(s) for s, _ in samples})
        return f"{len(samples)} sent, statuses {'/'.join(codes)}, median {times[len(times) // 2] * 1000:,.0f} ms, max {times[-1] * 1000:,.0f} ms"

    print(json.dumps({
        "flood": shape, "seconds": round(duration, 1), "wrong_per_s": round(total / duration, 1),
        "hashed_per_s (401)": round(statuses.get(401, 0) / duration, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0]))},
        "portal_cpu_percent_of_all_cores": round(cpu),
        "legit_verified": describe(legit["verified"]), "legit_first_request": describe(legit["first"]),
    }), flush=True)


# The legitimate sender's credential is verified once before the floods, as ServiceNow's would be.
post(args.key, basic(args.user, args.password), source="127.0.0.250")
for shape in ("one address, real key", "new address each, real key", "new address and invented key each"):
    flood(shape)
    time.sleep(2)
