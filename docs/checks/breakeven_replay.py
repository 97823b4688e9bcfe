#!/usr/bin/env python3
"""The expected events of BreakevenReplayTest, computed without minerwatch's code.

An S19j Pro class fleet (30 J/TH, $0.06/kWh, PUE 1.1, 2% pool fee, re-arm margin $1) over
events/history/daily-2020-2026.csv. The file has no fees, so the hashprice is the subsidy's alone:
86400 s x 1e15 H/s / (difficulty x 2^32) blocks a day x subsidy x price, the subsidy halving on the
halving days (2020-05-11, 2024-04-20). A day without a hashprice reads the day before's, as a `latest`
rule does. Run: python3 docs/checks/breakeven_replay.py
"""
import csv
import datetime as dt
from pathlib import Path

HISTORY = Path(__file__).resolve().parents[2] / "events/history/daily-2020-2026.csv"
JOULES_PER_TH, USD_PER_KWH, PUE, POOL_FEE_PCT, REARM = 30, 0.06, 1.1, 2, 1.0


def subsidy(day):
    return 12.5 if day < dt.date(2020, 5, 11) else 6.25 if day < dt.date(2024, 4, 20) else 3.125


hashprice = {}
with open(HISTORY) as f:
    for row in csv.DictReader(f):
        if row["btc_usd"] and row["difficulty"]:
            day = dt.date.fromisoformat(row["date"])
            blocks = 86400e15 / (float(row["difficulty"]) * 2**32)
            hashprice[day] = blocks * subsidy(day) * float(row["btc_usd"])

cost = JOULES_PER_TH * 24 * PUE * USD_PER_KWH
print(f"cost ${cost:.2f} per PH/s per day, break-even hashprice ${cost / (1 - POOL_FEE_PCT / 100):.2f}")
days = sorted(hashprice)
day, active = days[0], False
while day <= days[-1] + dt.timedelta(days=1):
    value = hashprice.get(day, hashprice.get(day - dt.timedelta(days=1)))
    if value is not None:
        margin = value * (1 - POOL_FEE_PCT / 100) - cost
        if (not active and margin < 0) or (active and margin > REARM):
            active = not active
            print("FIRED" if active else "RESOLVED", day, f"hashprice {value:.4f} margin {margin:.4f}")
    day += dt.timedelta(days=1)
print("days under water:", sum(1 for d in days if hashprice[d] * (1 - POOL_FEE_PCT / 100) < cost))

# `./minerwatch breakeven --csv events/history/daily-2020-2026.csv --joules-per-th 30 --usd-per-kwh 0.06 --pue 1.1
# --pool-fee 2`: the days under water per year (of the days with a hashprice) and the longest run of them.
per_year, spell, longest = {}, [], []
for d in days:
    under = hashprice[d] * (1 - POOL_FEE_PCT / 100) < cost
    year = per_year.setdefault(d.year, [0, 0])
    year[0] += 1
    year[1] += under
    spell = (spell + [d] if spell and d - spell[-1] == dt.timedelta(days=1) else [d]) if under else []
    if len(spell) > len(longest):
        longest = spell
for year, (total, under) in sorted(per_year.items()):
    print(year, total, under)
print("longest spell:", longest[0], "to", longest[-1], len(longest), "days")
