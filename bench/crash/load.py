#!/usr/bin/env python3
"""Posts ~1 KB ServiceNow-shaped incident messages to the inbound receiver from several threads, each on its own
keep-alive connection, and appends the responseId of every 202 to a file as soon as the answer has been read (one
line, flushed): the list of messages the portal acknowledged. Stops after --seconds, or on SIGTERM.
Prints one JSON line: sent, acknowledged, statuses, connection errors, latency percentiles, messages/s.
Usage: load.py URL KEY USER PASSWORD [--threads 16] [--seconds 60] [--acked FILE] [--rate PER_SECOND]"""
import argparse, base64, http.client, json, signal, threading, time, urllib.parse

parser = argparse.ArgumentParser()
for name in ("url", "key", "user", "password"):
    parser.add_argument(name)
parser.add_argument("--threads", type=int, default=16)
parser.add_argument("--seconds", type=float, default=60)
parser.add_argument("--acked")
parser.add_argument("--rate", type=float, default=0, help="total messages per second; 0 = as fast as answered")
args = parser.parse_args()

url = urllib.parse.urlsplit(args.url)
path = f"/api/inbound/{args.key}"
auth = "Basic " + base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
filler = "x" * 700
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stop.set())
lock = threading.Lock()
acked_file = open(args.acked, "a", encoding="ascii") if args.acked else None
statuses, latencies = {}, []
counters = {"sent": 0, "errors": 0}
started = time.monotonic()
deadline = started + args.seconds


def worker(index):
    connection = None
    sequence = 0
    interval = args.threads / args.rate if args.rate else 0
    next_at = time.monotonic()
    while not stop.is_set() and time.monotonic() < deadline:
        if interval:
            next_at += interval
            pause = next_at - time.monotonic()
            if pause > 0 and stop.wait(pause):
                break
        sequence += 1
        body = json.dumps({"table": "incident", "sys_id": f"{index:08d}{sequence:024d}", "event": "insert",
                           "record": {"number": f"INC{sequence % 10_000_000:07d}", "correlation_id": f"load-{index}-{sequence}",
                                      "short_description": "Load test incident", "description": filler}})
        begin = time.monotonic()
        try:
            if connection is None:
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            connection.request("POST", path, body, {"Content-Type": "application/json", "Authorization": auth})
            response = connection.getresponse()
            answer = response.read()
        except (OSError, http.client.HTTPException):
            with lock:
                counters["errors"] += 1
            if connection is not None:
                connection.close()
            connection = None
            stop.wait(0.05)
            continue
        elapsed = time.monotonic() - begin
        with lock:
            counters["sent"] += 1
            statuses[response.status] = statuses.get(response.status, 0) + 1
            latencies.append(elapsed)
            if response.status == 202 and acked_file:
                acked_file.write(json.loads(answer)["responseId"] + "\n")
                acked_file.flush()
    if connection is not None:
        connection.close()


threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(args.threads)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
duration = time.monotonic() - started
latencies.sort()
pick = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000, 1) if latencies else None
print(json.dumps({"sent": counters["sent"], "acknowledged": statuses.get(202, 0), "statuses": statuses,
                  "connection_errors": counters["errors"], "seconds": round(duration, 1),
                  "per_second": round(statuses.get(202, 0) / duration, 1), "p50_ms": pick(0.5), "p99_ms": pick(0.99)}))
