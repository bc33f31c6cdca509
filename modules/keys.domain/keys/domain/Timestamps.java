package keys.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times are stored as microseconds since the epoch (UTC) and shown as
 * {@code 2026-01-29T17:41:02.969782Z}: six fraction digits, or none at all when the microseconds
 * are 0 ({@code 2026-01-29T17:41:02Z}), as Sentry's clients expect.
 */
public final class Timestamps {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
    /** 9999-12-31T23:59:59.999999Z: the last instant with a four-digit year. */
    private static final long LAST_FAST = 253_402_300_800L * MICROS_PER_SECOND - 1;

    private Timestamps() {
    }

    /** Now, to the microsecond (wall clock: it may step back when the clock is set). */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * MICROS_PER_SECOND + now.getNano() / 1_000;
    }

    /**
     * The wire form of {@code epochMicros}. Years 1970..9999 take a fast path that does its own
     * calendar arithmetic (lists format a date per object); anything else goes through java.time
     * (years past 9999 then carry a sign, as ISO-8601 requires).
     */
    public static String format(long epochMicros) {
        if (epochMicros < 0 || epochMicros > LAST_FAST) {
            return formatSlow(epochMicros);
        }
        long days = epochMicros / MICROS_PER_DAY;
        long microOfDay = epochMicros - days * MICROS_PER_DAY;
        long secondOfDay = microOfDay / MICROS_PER_SECOND;
        int micros = (int) (microOfDay - secondOfDay * MICROS_PER_SECOND);

        // Howard Hinnant's civil_from_days, for non-negative days (eras start on March 1st).
        long z = days + 719_468;
        long era = z / 146_097;
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));

        byte[] b = new byte[micros == 0 ? 20 : 27];
        digits(b, 0, year, 4);
        b[4] = '-';
        digits(b, 5, month, 2);
        b[7] = '-';
        digits(b, 8, day, 2);
        b[10] = 'T';
        digits(b, 11, (int) (secondOfDay / 3_600), 2);
        b[13] = ':';
        digits(b, 14, (int) (secondOfDay / 60 % 60), 2);
        b[16] = ':';
        digits(b, 17, (int) (secondOfDay % 60), 2);
        if (micros != 0) {
            b[19] = '.';
            digits(b, 20, micros, 6);
        }
        b[b.length - 1] = 'Z';
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static String formatSlow(long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, MICROS_PER_SECOND);
        int micros = (int) Math.floorMod(epochMicros, MICROS_PER_SECOND);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        String base = t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        return micros == 0 ? base + "Z" : base + "." + String.format("%06d", micros) + "Z";
    }
}
