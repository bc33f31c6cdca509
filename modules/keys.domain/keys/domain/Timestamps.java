package keys.domain;

import java.nio.charset.StandardCharsets;
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
    /** The longest wire form: a signed nine-digit year with six fraction digits. */
    public static final int MAX_ASCII_LENGTH = 40;
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private Timestamps() {
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
        byte[] b = new byte[MAX_ASCII_LENGTH];
        int n = formatFast(epochMicros, b, 0);
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * The wire form of {@code epochMicros} as ASCII into {@code out} at {@code at}, which has room
     * for {@link #MAX_ASCII_LENGTH} bytes; returns how many were written.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the slow form is ASCII
    public static int formatInto(long epochMicros, byte[] out, int at) {
        if (epochMicros < 0 || epochMicros > LAST_FAST) {
            String slow = formatSlow(epochMicros);
            slow.getBytes(0, slow.length(), out, at);
            return slow.length();
        }
        return formatFast(epochMicros, out, at);
    }

    private static int formatFast(long epochMicros, byte[] b, int at) {
        int days = (int) (epochMicros / MICROS_PER_DAY);
        long microOfDay = epochMicros - days * MICROS_PER_DAY;
        int secondOfDay = (int) (microOfDay / MICROS_PER_SECOND);
        int micros = (int) (microOfDay - secondOfDay * MICROS_PER_SECOND);

        // Howard Hinnant's civil_from_days, for non-negative days (eras start on March 1st).
        int z = days + 719_468;
        int era = z / 146_097;
        int doe = z - era * 146_097;
        int yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int mp = (5 * doy + 2) / 153;
        int day = doy - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = yoe + era * 400 + (month <= 2 ? 1 : 0);

        int length = micros == 0 ? 20 : 27;
        twoDigits(b, at, year / 100);
        twoDigits(b, at + 2, year % 100);
        b[at + 4] = '-';
        twoDigits(b, at + 5, month);
        b[at + 7] = '-';
        twoDigits(b, at + 8, day);
        b[at + 10] = 'T';
        twoDigits(b, at + 11, secondOfDay / 3_600);
        b[at + 13] = ':';
        twoDigits(b, at + 14, secondOfDay / 60 % 60);
        b[at + 16] = ':';
        twoDigits(b, at + 17, secondOfDay % 60);
        if (micros != 0) {
            b[at + 19] = '.';
            twoDigits(b, at + 20, micros / 10_000);
            twoDigits(b, at + 22, micros / 100 % 100);
            twoDigits(b, at + 24, micros % 100);
        }
        b[at + length - 1] = 'Z';
        return length;
    }

    /** {@code value} (0..99) as two ASCII digits: a list formats one date per key. */
    private static void twoDigits(byte[] b, int at, int value) {
        b[at] = PAIRS[value * 2];
        b[at + 1] = PAIRS[value * 2 + 1];
    }

    private static String formatSlow(long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, MICROS_PER_SECOND);
        int micros = (int) Math.floorMod(epochMicros, MICROS_PER_SECOND);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        String base = t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        return micros == 0 ? base + "Z" : base + "." + String.format("%06d", micros) + "Z";
    }
}
