package dev.minerwatch.backtest;

import dev.minerwatch.economics.FleetEconomics;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.SeriesHistory;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How often a fleet mined at a loss over a history of hashprices: the days under water (margin below 0) per year,
 * and the longest run of consecutive such days. A day without a hashprice counts neither way and ends a run.
 */
public record UnderWater(List<Year> years, Optional<Spell> longest) {

    /** One calendar year: the days with a hashprice, and how many of them were under water. */
    public record Year(int year, int days, int underWater) {
        public double share() {
            return days == 0 ? 0 : (double) underWater / days;
        }
    }

    /** Consecutive days under water, first and last inclusive. */
    public record Spell(LocalDate first, LocalDate last) {
        public long days() {
            return ChronoUnit.DAYS.between(first, last) + 1;
        }
    }

    public UnderWater {
        years = List.copyOf(years);
    }

    public static UnderWater of(SeriesHistory hashprice, FleetEconomics fleet) {
        if (hashprice.series() != SeriesId.HASHPRICE_USD_PH_DAY) {
            throw new IllegalArgumentException("under water is read from hashprice, not " + hashprice.series());
        }
        List<Year> years = new ArrayList<>();
        Spell longest = null;
        LocalDate spellStart = null;
        LocalDate previous = null;
        int year = 0;
        int days = 0;
        int under = 0;
        for (DailyPoint point : hashprice.points()) {
            LocalDate day = point.day();
            if (day.getYear() != year) {
                if (days > 0) {
                    years.add(new Year(year, days, under));
                }
                year = day.getYear();
                days = 0;
                under = 0;
            }
            days++;
            boolean underWater = fleet.marginUsdPerPhDay(point.value()) < 0;
            if (underWater) {
                under++;
                if (spellStart == null || !day.minusDays(1).equals(previous)) {
                    spellStart = day;
                }
                Spell spell = new Spell(spellStart, day);
                if (longest == null || spell.days() > longest.days()) {
                    longest = spell;
                }
            } else {
                spellStart = null;
            }
            previous = day;
        }
        if (days > 0) {
            years.add(new Year(year, days, under));
        }
        return new UnderWater(years, Optional.ofNullable(longest));
    }

    /** The share of all days with a hashprice that were under water. */
    public double share() {
        return days() == 0 ? 0 : (double) underWaterDays() / days();
    }

    /** Days with a hashprice. */
    public int days() {
        return years.stream().mapToInt(Year::days).sum();
    }

    public int underWaterDays() {
        return years.stream().mapToInt(Year::underWater).sum();
    }
}
