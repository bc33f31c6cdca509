package keys.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

/**
 * A {@link ClientKey} is held compactly (label bytes, shared traits): whatever goes in comes back
 * out, and two keys are equal exactly when every field is.
 */
class ClientKeyTest {
    /** Every field of a key, as plain values. */
    record Fields(long id, long projectId, String label, long pubHi, long pubLo, long secHi, long secLo, boolean active,
                  long created, int rateLimitCount, int rateLimitWindow, String sdk, int loader, UseCase useCase) {
        ClientKey key() {
            return new ClientKey(id, projectId, label, hex(pubHi, pubLo), hex(secHi, secLo), active, created,
                    rateLimitCount, rateLimitWindow, sdk, loader, useCase);
        }
    }

    static final Gen<String> LABELS = Gens.frequency(1, Gens.constant(""), 1, Gens.constant("Default"),
            1, Gens.constant(new String("Default")), 3, Gens.asciiStrings(20),
            2, Gens.strings(Gens.ints(0x80, 0xFF), 10), 3, Gens.strings(20));
    static final Gen<String> SDKS = Gens.frequency(2, Gens.constant((String) null), 3, Gens.elements(ClientKey.SDK_VERSIONS),
            1, Gens.asciiStrings(6));
    static final Gen<Long> LONGS = Gens.frequency(1, Gens.longs(0, 3), 1, Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE));
    static final Gen<Integer> INTS = Gens.frequency(2, Gens.ints(0, 3), 1, Gens.ints(Integer.MIN_VALUE, Integer.MAX_VALUE));
    static final Gen<Fields> FIELDS = s -> new Fields(LONGS.generate(s), LONGS.generate(s), LABELS.generate(s),
            LONGS.generate(s), LONGS.generate(s), LONGS.generate(s), LONGS.generate(s), Gens.booleans().generate(s),
            LONGS.generate(s), INTS.generate(s), INTS.generate(s), SDKS.generate(s), INTS.generate(s),
            Gens.elements(UseCase.values()).generate(s));

    static String hex(long hi, long lo) {
        return String.format("%016x%016x", hi, lo);
    }

    static Fields of(ClientKey k) {
        return new Fields(k.id(), k.projectId(), k.label(), k.publicKeyHigh(), k.publicKeyLow(), k.secretKeyHigh(),
                k.secretKeyLow(), k.active(), k.createdMicros(), k.rateLimitCount(), k.rateLimitWindow(),
                k.browserSdkVersion(), k.loaderOptions(), k.useCase());
    }

    @Test
    void everyFieldComesBackAsItWent() {
        Prop.forAll(FIELDS, f -> {
            ClientKey k = f.key();
            assertEquals(f, of(k));
            assertEquals(hex(f.pubHi(), f.pubLo()), k.publicKey());
            assertEquals(hex(f.secHi(), f.secLo()), k.secretKey());
            byte[] ascii = new byte[34];
            k.publicKeyAscii(ascii, 1);
            assertEquals(hex(f.pubHi(), f.pubLo()), new String(ascii, 1, 32, StandardCharsets.ISO_8859_1));
            int n = k.labelLatin1Length();
            boolean latin1 = f.label().chars().allMatch(c -> c <= 0xFF);
            assertEquals(latin1 && !f.label().isEmpty() && !f.label().equals("Default"), n >= 0, f.label());
            if (n >= 0) {
                byte[] label = new byte[n + 2];
                k.labelLatin1(label, 2);
                assertEquals(f.label(), new String(label, 2, n, StandardCharsets.ISO_8859_1));
            }
        });
    }

    @Test
    void keysAreEqualExactlyWhenEveryFieldIs() {
        Prop.forAll(Gens.pairs(FIELDS, FIELDS), p -> {
            // The second key shares each field with the first at random, so near-equal pairs are common.
            Fields a = p.first();
            Fields b = p.second();
            Fields mixed = new Fields(a.id(), a.projectId(), b.label(), a.pubHi(), a.pubLo(), a.secHi(), a.secLo(),
                    b.active(), a.created(), a.rateLimitCount(), a.rateLimitWindow(), b.sdk(), a.loader(), b.useCase());
            for (Fields other : List.of(a, b, mixed)) {
                ClientKey x = a.key();
                ClientKey y = other.key();
                assertEquals(a.equals(other), x.equals(y), () -> a + " vs " + other);
                if (x.equals(y)) {
                    assertEquals(x.hashCode(), y.hashCode());
                }
            }
        });
    }

    @Test
    void eachWitherChangesOnlyItsField() {
        Prop.forAll(Gens.pairs(FIELDS, FIELDS), p -> {
            Fields a = p.first();
            Fields b = p.second();
            ClientKey k = a.key();
            assertEquals(new Fields(a.id(), a.projectId(), b.label(), a.pubHi(), a.pubLo(), a.secHi(), a.secLo(),
                    a.active(), a.created(), a.rateLimitCount(), a.rateLimitWindow(), a.sdk(), a.loader(), a.useCase()),
                    of(k.withLabel(b.label())));
            assertEquals(new Fields(a.id(), a.projectId(), a.label(), a.pubHi(), a.pubLo(), a.secHi(), a.secLo(),
                    b.active(), a.created(), a.rateLimitCount(), a.rateLimitWindow(), a.sdk(), a.loader(), a.useCase()),
                    of(k.withActive(b.active())));
            assertEquals(new Fields(a.id(), a.projectId(), a.label(), a.pubHi(), a.pubLo(), a.secHi(), a.secLo(),
                    a.active(), a.created(), b.rateLimitCount(), b.rateLimitWindow(), a.sdk(), a.loader(), a.useCase()),
                    of(k.withRateLimit(b.rateLimitCount(), b.rateLimitWindow())));
            assertEquals(new Fields(a.id(), a.projectId(), a.label(), a.pubHi(), a.pubLo(), a.secHi(), a.secLo(),
                    a.active(), a.created(), a.rateLimitCount(), a.rateLimitWindow(), b.sdk(), a.loader(), a.useCase()),
                    of(k.withBrowserSdkVersion(b.sdk())));
            assertEquals(new Fields(a.id(), a.projectId(), a.label(), a.pubHi(), a.pubLo(), a.secHi(), a.secLo(),
                    a.active(), a.created(), a.rateLimitCount(), a.rateLimitWindow(), a.sdk(), b.loader(), a.useCase()),
                    of(k.withLoaderOptions(b.loader())));
        });
    }

    @Test
    void aDifferentLabelOrSdkVersionMakesADifferentKey() {
        Fields f = new Fields(1, 2, "Default", 3, 4, 5, 6, true, 7, 0, 0, null, 0, UseCase.USER);
        assertNotEquals(f.key(), f.key().withLabel("Default "));
        assertNotEquals(f.key(), f.key().withLabel("défault"));
        assertNotEquals(f.key(), f.key().withBrowserSdkVersion("7.x"));
        assertNotEquals(f.key(), f.key().withBrowserSdkVersion("6.x")); // not a known version: kept as it is
        assertEquals("6.x", f.key().withBrowserSdkVersion("6.x").browserSdkVersion());
    }
}
