#!/usr/bin/env python3
"""Generate synthetic Twilio call records from a stated model.

callcap ships these records (records/) for its tests and the README
walkthrough of `callcap observe` and `callcap fit`. They are NOT real
traffic: every call is drawn from the model below with a fixed seed, so the
files are reproducible byte for byte:

    python3 scripts/make-records.py --out records

The model (local time JST, UTC+09:00; days from 2026-11-10, a Tuesday):

- support: inbound calls to 0800-123-4567, piecewise-constant Poisson by
  hour (PROFILE below, calls/h) times a day factor; answered at once;
  durations lognormal(mean 240 s, sd 360 s); callers 70% mobile, 30% geographic.
- after-hours: inbound calls to 050-1234-5678 at 6/h all day, each forwarded
  by <Dial> to 090-8765-4321 (an outbound-dial child leg created 1 s after
  the parent starts); the child rings uniform(5 s, 20 s) and is answered 80%
  of the time; talk gamma(mean 180 s, cv 1.2); the parent ends 1 s after the child.
- reminders: an outbound-api dialer blast at 10:00 each day (150, 600 and
  150 calls; a 4th day onward repeats 150), all created within 10 s and
  placed at the account's 1 CPS (queue_time = the wait in ms); ring
  uniform(5 s, 25 s), answered 65%, talk exponential(mean 120 s); 1% are
  canceled while queued (never live).
- office-pbx: trunking-terminating calls through one trunk, 09:00-18:00 at
  12/h, ring uniform(3 s, 20 s), answered 75%, talk lognormal(mean 150 s, sd 200 s).
- office-pbx inbound: trunking-originating calls, 09:00-18:00 at 6/h,
  talk exponential(mean 120 s).

Formats: a Calls API page (records-api.json: snake_case, RFC 2822 times,
one record per line), a Twilio CLI `-o json` array (records-cli.json:
camelCase, ISO 8601 UTC with milliseconds) and a CSV export (records.csv:
"Call Sid" style headers, ISO 8601 with a +09:00 offset). All three hold the
same calls. --scale multiplies every rate, blast and the API CPS (for the
2-million-row benchmark); --days sets the number of days.
"""
import argparse
import csv
import datetime as dt
import json
import math
import os
import random

JST = dt.timezone(dt.timedelta(hours=9))
FIRST_DAY = dt.datetime(2026, 11, 10, tzinfo=JST)
PROFILE = [0, 0, 0, 0, 0, 0, 0, 1, 10, 25, 30, 28, 18, 22, 30, 28, 22, 15, 8, 3, 0, 0, 0, 0]
DAY_FACTORS = [1.0, 1.2, 0.9]
BLASTS = [150, 600, 150]
SUPPORT = "+818001234567"
AFTER_HOURS = "+815012345678"
FORWARD_TO = "+819087654321"
TRUNK = "TK" + "0f" * 16
ACCOUNT = "AC" + "11" * 16


class Calls:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.rows = []
        self.count = 0

    def sid(self):
        self.count += 1
        return "CA%032x" % self.rng.getrandbits(128)

    def caller(self):
        if self.rng.random() < 0.7:
            return "+8190%08d" % self.rng.randrange(10**8)
        return "+813%08d" % self.rng.randrange(10**8)

    def add(self, sid, parent, created, start, end, duration, direction, status, frm, to, queue_ms=0, trunk=None):
        self.rows.append(dict(sid=sid, parent=parent, created=created, start=start, end=end, duration=duration,
                              direction=direction, status=status, frm=frm, to=to, queue_ms=queue_ms, trunk=trunk))

    def lognormal(self, mean, sd):
        sigma2 = math.log(1 + (sd / mean) ** 2)
        return self.rng.lognormvariate(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))

    def gamma(self, mean, cv):
        shape = 1 / cv**2
        return self.rng.gammavariate(shape, mean / shape)

    def poisson_times(self, start, hours, rate_per_hour):
        """Arrival times (seconds after `start`) of a Poisson process over `hours`."""
        t = 0.0
        out = []
        if rate_per_hour <= 0:
            return out
        while True:
            t += self.rng.expovariate(rate_per_hour / 3600)
            if t >= hours * 3600:
                return [start + x for x in out]
            out.append(t)


def generate(days, scale, seed):
    calls = Calls(seed)
    rng = calls.rng
    for day in range(days):
        midnight = FIRST_DAY + dt.timedelta(days=day)
        base = midnight.timestamp()
        factor = DAY_FACTORS[day % len(DAY_FACTORS)] * scale
        # support
        for hour, rate in enumerate(PROFILE):
            for t in calls.poisson_times(base + hour * 3600, 1, rate * factor):
                start = int(t)
                talk = max(1, int(calls.lognormal(240, 360)))
                calls.add(calls.sid(), None, start, start, start + talk, talk, "inbound", "completed", calls.caller(), SUPPORT)
        # after-hours forwarding
        for t in calls.poisson_times(base, 24, 6 * scale):
            start = int(t)
            parent = calls.sid()
            ring = int(rng.uniform(5, 20))
            answered = rng.random() < 0.8
            talk = max(1, int(calls.gamma(180, 1.2))) if answered else 0
            child_start = start + 1
            child_end = child_start + ring + talk
            calls.add(calls.sid(), parent, child_start, child_start, child_end, talk if answered else 0, "outbound-dial",
                      "completed" if answered else "no-answer", AFTER_HOURS, FORWARD_TO)
            end = child_end + 1
            calls.add(parent, None, start, start, end, end - start, "inbound", "completed", calls.caller(), AFTER_HOURS)
        # reminders: a blast paced at the API CPS
        cps = 1 * scale
        blast = int(BLASTS[day] if day < len(BLASTS) else BLASTS[0]) * scale
        next_slot = base + 10 * 3600
        for created in sorted(base + 10 * 3600 + rng.uniform(0, 10) for _ in range(int(blast))):
            created = int(created)
            if rng.random() < 0.01:
                calls.add(calls.sid(), None, created, None, None, None, "outbound-api", "canceled", AFTER_HOURS, calls.caller())
                continue
            start = max(created, math.ceil(next_slot))
            next_slot = max(next_slot, created) + 1 / cps
            ring = int(rng.uniform(5, 25))
            answered = rng.random() < 0.65
            talk = max(1, int(rng.expovariate(1 / 120))) if answered else 0
            calls.add(calls.sid(), None, created, start, start + ring + talk, talk if answered else 0, "outbound-api",
                      "completed" if answered else "no-answer", AFTER_HOURS, "+8190%08d" % rng.randrange(10**8),
                      queue_ms=(start - created) * 1000)
        # office PBX through the trunk
        for t in calls.poisson_times(base + 9 * 3600, 9, 12 * scale):
            start = int(t)
            ring = int(rng.uniform(3, 20))
            answered = rng.random() < 0.75
            talk = max(1, int(calls.lognormal(150, 200))) if answered else 0
            calls.add(calls.sid(), None, start, start, start + ring + talk, talk if answered else 0, "trunking-terminating",
                      "completed" if answered else "no-answer", SUPPORT, calls.caller(), trunk=TRUNK)
        for t in calls.poisson_times(base + 9 * 3600, 9, 6 * scale):
            start = int(t)
            talk = max(1, int(rng.expovariate(1 / 120)))
            calls.add(calls.sid(), None, start, start, start + talk, talk, "trunking-originating", "completed",
                      calls.caller(), SUPPORT, trunk=TRUNK)
    # Twilio lists the newest calls first.
    calls.rows.sort(key=lambda r: (-r["created"], r["sid"]))
    return calls.rows


def rfc2822(seconds):
    if seconds is None:
        return None
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S +0000")


def iso_utc(seconds):
    if seconds is None:
        return None
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def iso_jst(seconds):
    if seconds is None:
        return ""
    return dt.datetime.fromtimestamp(seconds, JST).isoformat()


def api_record(r):
    return {
        "account_sid": ACCOUNT, "answered_by": None, "api_version": "2010-04-01", "date_created": rfc2822(r["created"]), "date_updated": rfc2822(r["end"] or r["created"]),
        "direction": r["direction"], "duration": None if r["duration"] is None else str(r["duration"]),
        "end_time": rfc2822(r["end"]), "from": r["frm"], "parent_call_sid": r["parent"], "price": None,
        "queue_time": str(r["queue_ms"]), "sid": r["sid"], "start_time": rfc2822(r["start"]), "status": r["status"],
        "subresource_uris": {"recordings": "/2010-04-01/Accounts/%s/Calls/%s/Recordings.json" % (ACCOUNT[:6], r["sid"][:8])},
        "to": r["to"], "trunk_sid": r["trunk"],
    }


def cli_record(r):
    return {
        "accountSid": ACCOUNT, "dateCreated": iso_utc(r["created"]), "dateUpdated": iso_utc(r["end"] or r["created"]),
        "direction": r["direction"], "duration": None if r["duration"] is None else str(r["duration"]),
        "endTime": iso_utc(r["end"]), "from": r["frm"], "parentCallSid": r["parent"], "price": None,
        "queueTime": str(r["queue_ms"]), "sid": r["sid"], "startTime": iso_utc(r["start"]), "status": r["status"],
        "to": r["to"], "trunkSid": r["trunk"],
    }


CSV_HEADER = ["Call Sid", "Parent Call Sid", "Date Created", "Start Time", "End Time", "Duration", "Direction", "Status",
              "From", "To", "Queue Time", "Trunk Sid", "Price"]


def csv_row(r):
    return [r["sid"], r["parent"] or "", iso_jst(r["created"]), iso_jst(r["start"]), iso_jst(r["end"]),
            "" if r["duration"] is None else r["duration"], r["direction"], r["status"], r["frm"], r["to"],
            r["queue_ms"], r["trunk"] or "", ""]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="records")
    parser.add_argument("--days", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--seed", type=int, default=20261110)
    parser.add_argument("--formats", default="api,cli,csv")
    args = parser.parse_args()
    rows = generate(args.days, args.scale, args.seed)
    os.makedirs(args.out, exist_ok=True)
    formats = args.formats.split(",")
    if "api" in formats:
        with open(os.path.join(args.out, "records-api.json"), "w") as f:
            f.write('{"calls": [\n')
            f.write(",\n".join(json.dumps(api_record(r), separators=(", ", ": ")) for r in rows))
            f.write('\n], "end": %d, "first_page_uri": "/2010-04-01/Accounts/%s/Calls.json?PageSize=%d&Page=0", '
                    '"next_page_uri": null, "page": 0, "page_size": %d, "previous_page_uri": null, "start": 0, '
                    '"uri": "/2010-04-01/Accounts/%s/Calls.json?PageSize=%d&Page=0"}\n'
                    % (len(rows) - 1, ACCOUNT, len(rows), len(rows), ACCOUNT, len(rows)))
    if "cli" in formats:
        with open(os.path.join(args.out, "records-cli.json"), "w") as f:
            f.write("[\n")
            f.write(",\n".join("  " + json.dumps(cli_record(r)) for r in rows))
            f.write("\n]\n")
    if "csv" in formats:
        with open(os.path.join(args.out, "records.csv"), "w", newline="") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            writer.writerow(CSV_HEADER)
            for r in rows:
                writer.writerow(csv_row(r))
    print("%d records" % len(rows))


if __name__ == "__main__":
    main()
