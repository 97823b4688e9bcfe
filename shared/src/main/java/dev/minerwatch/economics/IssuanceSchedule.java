package dev.minerwatch.economics;

import java.time.LocalDate;

/**
 * Bitcoin's issuance: 50 BTC per block, halved every 210,000 blocks. Other wings read it as a {@link
 * DerivedPoints.Issuance}.
 */
final class IssuanceSchedule {

    static final long HALVING_INTERVAL = 210_000;
    /** 50 BTC in satoshis; each halving is an integer right shift, as in Bitcoin Core. */
    private static final long INITIAL_SUBSIDY_SATS = 5_000_000_000L;

    private static final double SATS_PER_BTC = 1e8;

    private IssuanceSchedule() {}

    /** The block subsidy in BTC at a height: 6.25 from 630,000, 3.125 from 840,000. */
    static double subsidyAt(long height) {
        requireHeight(height);
        return subsidySats(height / HALVING_INTERVAL) / SATS_PER_BTC;
    }

    /** Coins issued by blocks 0 through {@code height} inclusive (the genesis output counted as issued). */
    static double supplyAt(long height) {
        requireHeight(height);
        long supplySats = 0;
        long remaining = height + 1;
        for (int epoch = 0; epoch < 64; epoch++) { // no subsidy after 64 halvings
            long blocks = Math.min(remaining, HALVING_INTERVAL);
            supplySats += blocks * subsidySats(epoch);
            remaining -= blocks;
        }
        return supplySats / SATS_PER_BTC;
    }

    /** Halvings as they happened: the day each epoch began, and its first height. */
    private static final LocalDate[] EPOCH_DAYS = {
        LocalDate.of(2009, 1, 3),
        LocalDate.of(2012, 11, 28),
        LocalDate.of(2016, 7, 9),
        LocalDate.of(2020, 5, 11),
        LocalDate.of(2024, 4, 20)
    };

    private static final int TARGET_BLOCKS_PER_DAY = 144;

    /**
     * The block height at the start of a day, estimated for history that comes without heights (a replayed CSV):
     * interpolated between the halving days, at 144 blocks a day after the last. Off by a few thousand blocks at
     * most, which moves the supply by less than 0.1%.
     */
    static long estimatedHeightOn(LocalDate day) {
        for (int epoch = EPOCH_DAYS.length - 1; epoch >= 0; epoch--) {
            if (!day.isBefore(EPOCH_DAYS[epoch])) {
                long start = epoch * HALVING_INTERVAL;
                long days = day.toEpochDay() - EPOCH_DAYS[epoch].toEpochDay();
                if (epoch == EPOCH_DAYS.length - 1) {
                    return start + days * TARGET_BLOCKS_PER_DAY;
                }
                long epochDays = EPOCH_DAYS[epoch + 1].toEpochDay() - EPOCH_DAYS[epoch].toEpochDay();
                return start + days * HALVING_INTERVAL / epochDays;
            }
        }
        throw new IllegalArgumentException(day + " is before the genesis block");
    }

    private static long subsidySats(long halvings) {
        return halvings >= 64 ? 0 : INITIAL_SUBSIDY_SATS >> halvings;
    }

    private static void requireHeight(long height) {
        if (height < 0) {
            throw new IllegalArgumentException("block height " + height + " is negative");
        }
    }
}
