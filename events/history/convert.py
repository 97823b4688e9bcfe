#!/usr/bin/env python3
"""Converts the published reference datasets into minerwatch's daily-points CSV (docs/contracts.md).

    python3 events/history/convert.py ../shared/data > events/history/daily-2020-2026.csv

btc_usd        Yahoo Finance daily close (USD)
btc_ath_usd    running maximum of the daily high, seeded with the 2017 high of $20,089 (2017-12-17),
               which precedes the dataset
hashrate_ehs   blockchain.com daily hashrate, TH/s / 1e6
difficulty     protocol difficulty, as published
etf_net_flow_usd  Farside-style daily total, US$ millions * 1e6; kept as published, including the bogus
               2024-01-01 row and the all-zero rows on NYSE holidays (replay must ignore non-sessions)
"""
import csv
import sys
from decimal import Decimal

data = sys.argv[1]
rows = {}
ath = Decimal("20089")
with open(f"{data}/btc-price-hashrate-difficulty-daily.csv") as f:
    for r in csv.DictReader(f):
        ath = max(ath, Decimal(r["High"]))
        rows[r["Date"]] = {
            "btc_usd": Decimal(r["Close"]),
            "btc_ath_usd": ath,
            "hashrate_ehs": Decimal(r["hash-rate"]) / Decimal(1_000_000),
            "difficulty": Decimal(r["difficulty"]),
        }
with open(f"{data}/us-spot-btc-etf-flows-per-fund.csv") as f:
    for r in csv.DictReader(f):
        rows.setdefault(r["date"], {})["etf_net_flow_usd"] = Decimal(r["Total"]) * 1_000_000

columns = ["btc_usd", "btc_ath_usd", "hashrate_ehs", "difficulty", "etf_net_flow_usd"]


def plain(value):
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["date"] + columns)
for day in sorted(rows):
    out.writerow([day] + [plain(rows[day][c]) if c in rows[day] else "" for c in columns])
