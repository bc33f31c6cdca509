package keys.http;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date parsing behind Sentry's date filters: DRF's {@code DateTimeField} (Django's
 * {@code parse_datetime}; a naive time is UTC, Sentry's time zone) and Sentry's
 * {@code parse_stats_period}. Times are epoch microseconds.
 */
final class DjangoDates {
    /** DRF's message for a time it cannot read, with its ISO 8601 format hint. */
    static final String WRONG_FORMAT =
            "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";
    /** {@code datetime.min}, 0001-01-01: a period reaching before it overflows. */
    static final long MIN_MICROS = -62_135_596_800_000_000L;

    // Django's datetime_re; fromisoformat also takes a bare date.
    private static final Pattern DATE_TIME = Pattern.compile("([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
            + "[T ]([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2})(?:[.,]([0-9]{1,6})[0-9]{0,6})?)?"
            + "[ \\t\\n\\r\\f\\x0B]*(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?");
    private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
    private static final Pattern PERIOD = Pattern.compile("([0-9]+)([hdmsw]?)\\n?");
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private DjangoDates() {
    }

    /** Epoch microseconds, or null where DRF answers {@link #WRONG_FORMAT}. */
    static Long parseDateTime(String text) {
        try {
            Matcher d = DATE.matcher(text);
            if (d.matches()) {
                return micros(LocalDateTime.of(num(d, 1), num(d, 2), num(d, 3), 0, 0), 0);
            }
            Matcher m = DATE_TIME.matcher(text);
            if (!m.matches()) {
                return null;
            }
            String fraction = m.group(7) == null ? "0" : (m.group(7) + "00000").substring(0, 6);
            LocalDateTime t = LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5),
                    m.group(6) == null ? 0 : num(m, 6), Integer.parseInt(fraction) * 1000);
            return micros(t, offsetSeconds(m.group(8)));
        } catch (DateTimeException e) {
            return null; // Django: datetime() refuses a day or hour that does not exist
        }
    }

    /** {@code parse_stats_period}: microseconds, or null when it does not parse; huge periods saturate. */
    static Long parsePeriod(String text) {
        Matcher m = PERIOD.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long unit = switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86_400;
            case "w" -> 7 * 86_400;
            default -> 1;
        };
        String digits = m.group(1).replaceFirst("^0+(?=.)", "");
        if (digits.length() > 15) {
            return Long.MAX_VALUE;
        }
        return Math.multiplyExact(Long.parseLong(digits), unit * MICROS_PER_SECOND);
    }

    private static long micros(LocalDateTime t, int offsetSeconds) {
        long seconds = t.toEpochSecond(ZoneOffset.UTC) - offsetSeconds;
        return seconds * MICROS_PER_SECOND + t.getNano() / 1000;
    }

    private static int offsetSeconds(String tz) {
        if (tz == null || tz.equals("Z")) {
            return 0;
        }
        int sign = tz.charAt(0) == '-' ? -1 : 1;
        String digits = tz.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
        if (minutes > 59) {
            throw new DateTimeException("offset minutes " + minutes);
        }
        return sign * (hours * 3600 + minutes * 60);
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
