package keys.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final long LAST = micros("9999-12-31T23:59:59.999999Z");
    private static final long YEAR_1 = micros("0001-01-01T00:00:00Z");

    private static long micros(String iso) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(iso));
    }

    /** java.time's answer, written the way the spec wants it. */
    private static String reference(long micros) {
        String s = REFERENCE.format(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
        return s.endsWith(".000000Z") ? s.substring(0, s.length() - 8) + "Z" : s;
    }

    @Test
    void formatsTheSpecExamples() {
        assertEquals("2026-01-29T17:41:02.969782Z", Timestamps.format(micros("2026-01-29T17:41:02.969782Z")));
        assertEquals("2026-01-29T17:41:02Z", Timestamps.format(micros("2026-01-29T17:41:02Z")));
        assertEquals("2026-01-29T17:41:02.969000Z", Timestamps.format(micros("2026-01-29T17:41:02.969Z")));
    }

    @Test
    void epochAndSmallestSteps() {
        assertEquals("1970-01-01T00:00:00Z", Timestamps.format(0));
        assertEquals("1970-01-01T00:00:00.000001Z", Timestamps.format(1));
        assertEquals("1970-01-01T00:00:01Z", Timestamps.format(1_000_000));
        assertEquals("1970-01-01T23:59:59.999999Z", Timestamps.format(86_400_000_000L - 1));
        assertEquals("1970-01-02T00:00:00Z", Timestamps.format(86_400_000_000L));
    }

    @Test
    void leapYears() {
        long day = 86_400_000_000L;
        assertEquals("2024-02-29T00:00:00Z", Timestamps.format(micros("2024-02-28T00:00:00Z") + day));
        assertEquals("2024-03-01T00:00:00Z", Timestamps.format(micros("2024-02-28T00:00:00Z") + 2 * day));
        assertEquals("2000-02-29T12:30:00.5Z".replace(".5", ".500000"),
                Timestamps.format(micros("2000-02-28T12:30:00.5Z") + day));
        assertEquals("1900-03-01T00:00:00Z", Timestamps.format(micros("1900-02-28T00:00:00Z") + day),
                "1900 is not a leap year");
        assertEquals("2100-03-01T00:00:00Z", Timestamps.format(micros("2100-02-28T00:00:00Z") + day),
                "2100 is not a leap year");
        assertEquals("2400-02-29T00:00:00Z", Timestamps.format(micros("2400-02-28T00:00:00Z") + day));
        assertEquals("2023-12-31T00:00:00Z", Timestamps.format(micros("2023-01-01T00:00:00Z") + 364 * day));
        assertEquals("2024-12-31T00:00:00Z", Timestamps.format(micros("2024-01-01T00:00:00Z") + 365 * day));
    }

    @Test
    void lastFourDigitYearAndBeyond() {
        assertEquals("9999-12-31T23:59:59.999999Z", Timestamps.format(LAST));
        assertEquals("+10000-01-01T00:00:00Z", Timestamps.format(LAST + 1));
        assertTrue(Timestamps.format(Long.MAX_VALUE).endsWith(".775807Z"));
    }

    @Test
    void negativeMicrosFallBackToJavaTime() {
        assertEquals("1969-12-31T23:59:59.999999Z", Timestamps.format(-1));
        assertEquals("1969-12-31T23:59:59Z", Timestamps.format(-1_000_000));
        assertEquals("0001-01-01T00:00:00Z", Timestamps.format(YEAR_1));
        assertTrue(Timestamps.format(Long.MIN_VALUE).endsWith(".224192Z"));
    }

    @Test
    void everyDayFrom1970To9999HasTheRightDate() {
        long last = LocalDate.of(9999, 12, 31).toEpochDay();
        for (long d = 0; d <= last; d++) {
            String s = Timestamps.format(d * 86_400_000_000L + 43_200_000_000L);
            String date = LocalDate.ofEpochDay(d).toString();
            if (!s.startsWith(date) || !s.endsWith("T12:00:00Z")) {
                assertEquals(date + "T12:00:00Z", s, "epoch day " + d);
            }
        }
    }

    @Test
    void randomInstantsMatchJavaTime() {
        Prop.forAll(1000, Gens.longs(0, LAST), m -> assertEquals(reference(m), Timestamps.format(m)));
        Prop.forAll(Gens.longs(YEAR_1, 0), m -> assertEquals(reference(m), Timestamps.format(m)));
        // Whole seconds, where the fraction must vanish.
        Prop.forAll(Gens.longs(0, LAST / 1_000_000), s -> {
            String f = Timestamps.format(s * 1_000_000);
            assertEquals(reference(s * 1_000_000), f);
            assertEquals(20, f.length());
        });
    }

    @Test
    void formatIntoWritesTheSameBytesAtAnyOffset() {
        Prop.forAll(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE), m -> {
            String expected = Timestamps.format(m);
            byte[] out = new byte[7 + Timestamps.MAX_ASCII_LENGTH + 3];
            java.util.Arrays.fill(out, (byte) '#');
            int n = Timestamps.formatInto(m, out, 7);
            assertEquals(expected, new String(out, 7, n, java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals('#', out[6]);
            assertEquals('#', out[7 + n], "nothing written past the returned length");
        });
        Prop.forAll(Gens.longs(0, LAST), m -> {
            byte[] out = new byte[Timestamps.MAX_ASCII_LENGTH];
            assertEquals(reference(m), new String(out, 0, Timestamps.formatInto(m, out, 0),
                    java.nio.charset.StandardCharsets.US_ASCII));
        });
    }

    @Test
    void nowIsInMicroseconds() {
        long before = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        long now = keys.domain.Sources.real().nowMicros();
        long after = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        assertTrue(before <= now && now <= after, before + " <= " + now + " <= " + after);
    }
}
