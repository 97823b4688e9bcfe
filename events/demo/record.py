#!/usr/bin/env python3
"""Writes the provider answers that `./minerwatch demo` replays: 27 January - 6 February 2026, day by day.

    python3 events/demo/record.py ../shared/data      # rewrites events/demo/backfill and events/demo/2026-*

Each folder has the layout of events/providers (a file's path is the URL path it answers) and a recording.json
with the instant its quotes are fresh at:

  backfill/     as of 27 January 00:30 UTC: 180 days of hashrate and difficulty (mempool 6m), fees per block
                (mempool blocks/fees 6m), BTC and ETH daily prices (CoinGecko market chart) and every ETF session
                (SoSoValue), for `backfill --days 180`
  2026-01-27/ ... 2026-02-06/
                as of 14:05 UTC that day: what the market, network and ETF-flow collectors ask for (ETF flows
                on all three paths: SoSoValue v1 and v2, and TFTC's open dataset, its last 60 sessions)

Real figures (the team's datasets and the published figures listed in docs/domain.md): the ETF net flows, total and per fund, as published by
SoSoValue (totals) and Farside (funds); BTC $69,280, ETH $2,052, 915.85 EH/s and the 141.67T difficulty on
5 February; BTC -7.5% in 24 h and -20.94% in 7 days; the ATHs ($126,080 on 2025-10-06, ETH $4,946.05 on
2025-08-24); hashrate's ~1.1 ZH/s peak in October 2025. Everything else (the price path between those
anchors, the hashrate path, difficulty epochs before 24 January, fees and their history) is illustrative, in the
real shapes.
"""
import csv
import json
import math
import random
import shutil
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

DATA = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
OUT = Path(__file__).resolve().parent
FIRST, LAST = date(2026, 1, 27), date(2026, 2, 6)
BACKFILL_AT = datetime(2026, 1, 27, 0, 30, tzinfo=timezone.utc)
BACKFILL_FROM = date(2025, 7, 25)
rng = random.Random(20260205)


def days(first, last):
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)


def path_through(anchors, first, last, wobble):
    """Daily values through (date, value) anchors, linear between them, with a little seeded noise off them."""
    anchors = sorted(anchors)
    out = {}
    for d in days(first, last):
        before = max((a for a in anchors if a[0] <= d), default=anchors[0])
        after = min((a for a in anchors if a[0] >= d), default=anchors[-1])
        if before[0] == after[0]:
            out[d] = before[1]
            continue
        t = (d - before[0]).days / (after[0] - before[0]).days
        out[d] = round((before[1] + t * (after[1] - before[1])) * (1 + rng.uniform(-wobble, wobble)), 2)
    return out


# BTC at 14:05 UTC; the week's figures are pinned (69,280 on 5 Feb, -7.5% in 24 h, -20.94% in 7 days).
btc = path_through([(date(2025, 7, 25), 117_600), (date(2025, 8, 13), 123_300), (date(2025, 9, 1), 108_900),
                    (date(2025, 10, 6), 124_700), (date(2025, 10, 10), 113_200), (date(2025, 10, 27), 114_100),
                    (date(2025, 11, 21), 85_100), (date(2025, 12, 3), 93_400), (date(2025, 12, 17), 86_300),
                    (date(2025, 12, 31), 87_600), (date(2026, 1, 14), 96_900), (date(2026, 1, 26), 88_100)],
                   BACKFILL_FROM, date(2026, 1, 26), 0.012)
btc.update({date(2026, 1, 27): 88_270.0, date(2026, 1, 28): 89_150.0, date(2026, 1, 29): 87_625.0,
            date(2026, 1, 30): 84_120.0, date(2026, 1, 31): 82_510.0, date(2026, 2, 1): 78_730.0,
            date(2026, 2, 2): 77_980.0, date(2026, 2, 3): 76_150.0, date(2026, 2, 4): 74_897.0,
            date(2026, 2, 5): 69_280.0, date(2026, 2, 6): 70_540.0})
eth = path_through([(date(2025, 7, 25), 3_700), (date(2025, 8, 24), 4_750), (date(2025, 10, 6), 4_520),
                    (date(2025, 11, 21), 2_750), (date(2025, 12, 3), 3_150), (date(2025, 12, 31), 2_970),
                    (date(2026, 1, 14), 3_330), (date(2026, 1, 26), 2_900)], BACKFILL_FROM, date(2026, 1, 26), 0.015)
eth.update({date(2026, 1, 27): 3_010.0, date(2026, 1, 28): 3_005.0, date(2026, 1, 29): 2_930.0,
            date(2026, 1, 30): 2_720.0, date(2026, 1, 31): 2_690.0, date(2026, 2, 1): 2_450.0,
            date(2026, 2, 2): 2_310.0, date(2026, 2, 3): 2_230.0, date(2026, 2, 4): 2_180.0,
            date(2026, 2, 5): 2_052.0, date(2026, 2, 6): 2_080.0})

# Daily hashrate (EH/s): the October peak, then the slide to 915.85 on 5 February.
hashrate = path_through([(date(2025, 7, 25), 935), (date(2025, 9, 1), 1_005), (date(2025, 10, 20), 1_110),
                         (date(2025, 11, 10), 1_085), (date(2025, 12, 15), 1_045), (date(2026, 1, 7), 1_008),
                         (date(2026, 1, 20), 985), (date(2026, 1, 31), 948), (date(2026, 2, 2), 940)], BACKFILL_FROM, date(2026, 2, 2), 0.01)
hashrate.update({date(2026, 2, 3): 931.74, date(2026, 2, 4): 922.41, date(2026, 2, 5): 915.85,
                 date(2026, 2, 6): 912.30})

# Difficulty adjustments (every 2,016 blocks): the 24 January one is the published 141.67T (docs/domain.md).
adjustments = [(date(2025, 7, 26), 127.62e12), (date(2025, 8, 9), 129.70e12), (date(2025, 8, 23), 136.04e12),
               (date(2025, 9, 6), 134.72e12), (date(2025, 9, 20), 142.34e12), (date(2025, 10, 4), 150.84e12),
               (date(2025, 10, 18), 155.97e12), (date(2025, 11, 1), 156.16e12), (date(2025, 11, 15), 152.27e12),
               (date(2025, 11, 29), 149.30e12), (date(2025, 12, 13), 148.20e12), (date(2025, 12, 27), 146.47e12),
               (date(2026, 1, 10), 136.06e12), (date(2026, 1, 24), 141_668_107_417_558.2)]
# Heights count back from the real 933,408 of 24 January, 2,016 blocks per epoch.
adjustments = [(d, 933_408 - 2_016 * (len(adjustments) - 1 - i), v) for i, (d, v) in enumerate(adjustments)]
HEIGHT_5_FEB = 935_000  # end of the 144-block window read on 5 February


def height(day):
    return HEIGHT_5_FEB + 144 * (day - date(2026, 2, 5)).days


fees = {d: round(0.025 + 0.004 * math.sin(i * 1.3), 4) for i, d in enumerate(days(FIRST, LAST))}
fees[date(2026, 2, 5)] = 0.025

# ETF flows: SoSoValue totals (US$ millions, newest first, null = not yet published), Farside per fund.
soso = json.loads((DATA / "us-spot-btc-etf-flows-sosovalue.json").read_text())
flows = {date.fromisoformat(r["date"]): r["total"] for r in soso["rows"] if r["total"] is not None}
with open(DATA / "us-spot-btc-etf-flows-per-fund.csv") as f:
    per_fund = {date.fromisoformat(r["date"]): r for r in csv.DictReader(f)}
TICKERS = ["IBIT", "FBTC", "BITB", "ARKB", "BTCO", "EZBC", "BRRR", "HODL", "BTCW", "MSBT", "GBTC", "BTC"]


def epoch(at):
    return int(at.timestamp())


def at(day, hh=14, mm=5):
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=timezone.utc)


def write(folder, relative, document):
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(document, indent=1) + "\n")


def sessions_before(moment):
    """ETF sessions SoSoValue has published by `moment`: every session before that UTC day."""
    return sorted((d for d in flows if d < moment.date()), reverse=True)


def inflow_chart(moment, keep):
    rows = [{"date": d.isoformat(), "totalNetInflow": round(flows[d] * 1e6)} for d in sessions_before(moment)[:keep]]
    if moment.date() in flows:  # a session in progress reads 0.0 until it is published
        rows.insert(0, {"date": moment.date().isoformat(), "totalNetInflow": 0.0})
    return {"code": 0, "msg": None, "data": {"list": rows}}


def summary_history(moment, keep):
    """SoSoValue's current API (v1): snake_case rows inside a {code, message, data} envelope, newest first."""
    rows = [{"date": d.isoformat(), "total_net_inflow": round(flows[d] * 1e6)} for d in sessions_before(moment)[:keep]]
    if moment.date() in flows:
        rows.insert(0, {"date": moment.date().isoformat(), "total_net_inflow": 0.0})
    return {"code": 0, "message": "success", "data": rows}


def fund_flows(day):
    funds = per_fund.get(day)
    if funds is None:
        return None
    return {t: round(float(funds[t]) * 1e6) for t in TICKERS if funds.get(t) not in (None, "")}


def tftc_dataset(moment, keep=None):
    """TFTC's open dataset: every settled session from 2024-01-11 (or the last `keep`), oldest first."""
    published = sorted(d for d in sessions_before(moment) if d >= date(2024, 1, 11))
    if keep is not None:
        published = published[-keep:]
    return {"name": "US Spot Bitcoin ETF Daily Flows", "units": "USD",
            "license": "https://creativecommons.org/licenses/by/4.0/",
            "attribution": "TFTC \u2014 tftc.io/bitcoin-etf-flows", "updatedThrough": published[-1].isoformat(),
            "days": [{"date": d.isoformat(), "netFlowUsd": round(flows[d] * 1e6),
                      **({"perEtfUsd": fund_flows(d)} if fund_flows(d) else {})} for d in published]}


def write_compact(folder, relative, document):
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(document, separators=(",", ":")) + "\n")


def previous_difficulty(day):
    earlier = [v for d, _, v in adjustments if d < day]
    return earlier[-1] if earlier else 125.0e12


def hashrate_answer(moment, first):
    points = [{"timestamp": epoch(at(d, 0, 0)), "avgHashrate": float(f"{hashrate[d]:.6g}e18")}
              for d in days(first, moment.date()) if d in hashrate and at(d, 0, 0) < moment]
    adj = [a for a in adjustments if at(a[0], 0, 0) >= at(first, 0, 0) and at(a[0], 0, 0) < moment] or [adjustments[-1]]
    current = [a for a in adjustments if at(a[0], 0, 0) < moment][-1]
    return {"hashrates": points,
            "difficulty": [{"time": epoch(at(d, 0, 0)) + 37_265, "height": h, "difficulty": v,
                            "adjustment": round(v / previous_difficulty(d), 4)} for d, h, v in adj],
            "currentHashrate": points[-1]["avgHashrate"], "currentDifficulty": current[2]}


def fee_history(moment, since, hours):
    """mempool's /blocks/fees/{period}: one entry per bucket of `hours` (aligned to midnight UTC, as mempool's are),
    its blocks' average height, time and fees in satoshis. Each whole day averages its own figure around 0.025 BTC;
    the buckets swing about it and cancel out over the day."""
    rows, bucket, per_day = [], datetime(since.year, since.month, since.day, tzinfo=timezone.utc), 24 // hours
    while bucket < moment:
        mid = bucket + timedelta(hours=hours / 2)
        if mid > since and mid < moment:
            day_fees = round((0.024 + 0.004 * math.sin((mid.date() - BACKFILL_FROM).days * 0.45)) * 1e8, -3)
            swing = round(400_000 * math.sin(2 * math.pi * (bucket.hour // hours) / per_day))
            rows.append({"avgHeight": HEIGHT_5_FEB + round((mid - at(date(2026, 2, 5), 14, 0)).total_seconds() / 600),
                         "timestamp": epoch(mid), "avgFees": int(day_fees + swing)})
        bucket += timedelta(hours=hours)
    return rows


def record(folder, moment, description):
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    write(folder, "recording.json", {"recordedAt": moment.isoformat().replace("+00:00", "Z"), "description": description})


# The backfill as of 27 January 00:30 UTC.
folder = OUT / "backfill"
record(folder, BACKFILL_AT, "History as of 27 January 2026, 00:30 UTC, for `backfill --days 180`.")
write(folder, "mempool/api/v1/mining/hashrate/6m.json", hashrate_answer(BACKFILL_AT, BACKFILL_FROM))
for coin, prices in (("bitcoin", btc), ("ethereum", eth)):
    write(folder, f"coingecko/api/v3/coins/{coin}/market_chart.json",
          {"prices": [[epoch(at(d, 0, 0)) * 1000, v] for d, v in sorted(prices.items()) if d < FIRST],
           "market_caps": [], "total_volumes": []})
write(folder, "sosovalue/openapi/v2/etf/historicalInflowChart.json", inflow_chart(BACKFILL_AT, 300))
write(folder, "sosovalue/openapi/v1/etfs/summary-history.json", summary_history(BACKFILL_AT, 300))
write_compact(folder, "tftc/bitcoin-etf-flows/data.json", tftc_dataset(BACKFILL_AT))
write(folder, "mempool/api/v1/mining/blocks/fees/6m.json", fee_history(BACKFILL_AT, BACKFILL_AT - timedelta(days=184), 3))

# Each day of the week at 14:05 UTC.
for day in days(FIRST, LAST):
    moment = at(day)
    quoted = moment - timedelta(minutes=5)
    folder = OUT / day.isoformat()
    record(folder, moment, f"Provider answers as of {day:%d %B %Y}, 14:05 UTC.")
    change = lambda series: round((series[day] / series[day - timedelta(days=1)] - 1) * 100, 2)
    write(folder, "coingecko/api/v3/simple/price.json",
          {"bitcoin": {"usd": btc[day], "usd_24h_change": change(btc), "last_updated_at": epoch(quoted)},
           "ethereum": {"usd": eth[day], "usd_24h_change": change(eth), "last_updated_at": epoch(quoted) - 10}})
    write(folder, "coingecko/api/v3/coins/markets.json", [
        {"id": "bitcoin", "symbol": "btc", "name": "Bitcoin", "current_price": btc[day], "ath": 126080.0,
         "ath_change_percentage": round((btc[day] / 126080 - 1) * 100, 2), "ath_date": "2025-10-06T18:57:42.558Z",
         "last_updated": quoted.isoformat().replace("+00:00", ".000Z")},
        {"id": "ethereum", "symbol": "eth", "name": "Ethereum", "current_price": eth[day], "ath": 4946.05,
         "ath_change_percentage": round((eth[day] / 4946.05 - 1) * 100, 2), "ath_date": "2025-08-24T19:21:03.333Z",
         "last_updated": (quoted - timedelta(seconds=10)).isoformat().replace("+00:00", ".000Z")}])
    write(folder, "coinbase/v2/prices/BTC-USD/spot.json", {"data": {"amount": f"{btc[day] + 0.12:.2f}", "base": "BTC", "currency": "USD"}})
    write(folder, "coinbase/v2/prices/ETH-USD/spot.json", {"data": {"amount": f"{eth[day] - 0.13:.2f}", "base": "ETH", "currency": "USD"}})
    ticker = lambda price: {"a": [f"{price + 0.1:.5f}", "1", "1.000"], "b": [f"{price:.5f}", "1", "1.000"],
                            "c": [f"{price + 0.1:.5f}", "0.01000000"], "o": f"{price:.5f}"}
    write(folder, "kraken/0/public/Ticker.json", {"error": [], "result": {"XETHZUSD": ticker(eth[day] + 0.2),
                                                                          "XXBTZUSD": ticker(btc[day])}})
    write(folder, "mempool/api/v1/mining/hashrate/3d.json", hashrate_answer(moment, day - timedelta(days=2)))
    window_fees = round(fees[day] * 144 * 1e8)
    write(folder, "mempool/api/v1/mining/reward-stats/144.json",
          {"startBlock": height(day) - 143, "endBlock": height(day), "totalReward": str(45_000_000_000 + window_fees),
           "totalFee": str(window_fees), "totalTx": str(480_000 + 1_000 * day.day)})
    write(folder, "sosovalue/openapi/v2/etf/historicalInflowChart.json", inflow_chart(moment, 20))
    write(folder, "sosovalue/openapi/v1/etfs/summary-history.json", summary_history(moment, 20))
    write_compact(folder, "tftc/bitcoin-etf-flows/data.json", tftc_dataset(moment, 60))
    latest = sessions_before(moment)[0]
    funds = per_fund[latest]
    write(folder, "sosovalue/openapi/v2/etf/currentEtfDataMetrics.json", {"code": 0, "msg": None, "data": {
        "dailyNetInflow": {"value": round(flows[latest] * 1e6), "lastUpdateDate": latest.isoformat()},
        "list": [{"ticker": t, "dailyNetInflow": {"value": round(float(funds[t]) * 1e6), "lastUpdateDate": latest.isoformat()}}
                 for t in TICKERS]}})
print(f"wrote {OUT}/backfill and {FIRST} .. {LAST}", file=sys.stderr)
