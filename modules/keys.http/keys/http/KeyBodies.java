package keys.http;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.UseCase;

/**
 * The bodies of {@code POST …/keys/} and {@code PUT …/keys/{key_id}/}, validated as Sentry's
 * {@code ProjectKeyPostSerializer} and {@code ProjectKeyPutSerializer} do (sentry-compat.md §5):
 * every field checked, all messages returned together in field order.
 */
final class KeyBodies {
    static final Pattern KEY_HEX = Pattern.compile("[a-f0-9]{32}");
    static final List<String> SDK_VERSIONS = ClientKey.SDK_VERSIONS;
    private static final List<String> USE_CASES = List.of(UseCase.values()).stream().map(UseCase::wire).toList();

    private KeyBodies() {
    }

    /**
     * A validated create. {@code name} null: generate one. Keys null: generate them. The rate
     * limit is (0, 0) unless both members were given and non-zero.
     */
    record Create(String name, int rateLimitCount, int rateLimitWindow, String publicKey, String secretKey,
                  UseCase useCase) {
        RateLimit rateLimit() {
            return new RateLimit(rateLimitCount, rateLimitWindow);
        }
    }

    /** A rate limit to store: (0, 0) clears it. */
    record RateLimit(int count, int window) {
        static final RateLimit NONE = new RateLimit(0, 0);

        static RateLimit of(Long count, Long window) {
            if (count == null || window == null || count == 0 || window == 0) {
                return NONE;
            }
            return new RateLimit(count.intValue(), window.intValue());
        }
    }

    /**
     * A validated update; null members leave the key as it is. {@code browserSdkVersion} null
     * means the project default (every PUT stores one). Loader bits in {@code loaderMask} take
     * their value from {@code loaderBits}.
     */
    record Update(String name, Boolean active, RateLimit rateLimit, String browserSdkVersion, int loaderMask,
                  int loaderBits) {
    }

    static Create create(Map<String, Object> body) {
        DrfFields.Errors errors = new DrfFields.Errors();
        Object name = body.containsKey("name")
                ? DrfFields.charField(errors, "name", body.get("name"), ClientKey.MAX_LABEL_LENGTH, true, true, null)
                : null;
        RateLimit rateLimit = RateLimit.NONE;
        if (body.containsKey("rateLimit")) {
            Object v = body.get("rateLimit");
            if (v == null) {
                errors.add("rateLimit", "This field may not be null.");
            } else {
                rateLimit = rateLimit(errors, v);
            }
        }
        Object publicKey = body.containsKey("public")
                ? DrfFields.charField(errors, "public", body.get("public"), 0, false, true, KEY_HEX) : null;
        Object secretKey = body.containsKey("secret")
                ? DrfFields.charField(errors, "secret", body.get("secret"), 0, false, true, KEY_HEX) : null;
        Object useCase = body.containsKey("useCase")
                ? DrfFields.choiceField(errors, "useCase", body.get("useCase"), USE_CASES) : UseCase.USER.wire();
        errors.throwIfAny();
        String label = (String) name;
        return new Create(label == null || label.isEmpty() ? null : label,
                rateLimit == null ? 0 : rateLimit.count(), rateLimit == null ? 0 : rateLimit.window(),
                (String) publicKey, (String) secretKey, UseCase.parse((String) useCase).orElseThrow());
    }

    static Update update(Map<String, Object> body) {
        DrfFields.Errors errors = new DrfFields.Errors();
        Object name = body.containsKey("name")
                ? DrfFields.charField(errors, "name", body.get("name"), ClientKey.MAX_LABEL_LENGTH, true, true, null)
                : null;
        Object active = body.containsKey("isActive")
                ? DrfFields.booleanField(errors, "isActive", body.get("isActive")) : null;
        RateLimit rateLimit = null;
        if (body.containsKey("rateLimit")) {
            Object v = body.get("rateLimit");
            // null clears; {} (or only unknown members) leaves it; a member null, "" or missing clears.
            boolean noMembers = v instanceof Map<?, ?> m && !m.containsKey("count") && !m.containsKey("window");
            rateLimit = v == null ? RateLimit.NONE : noMembers ? null : rateLimit(errors, v);
        }
        Object version = body.containsKey("browserSdkVersion")
                ? DrfFields.choiceField(errors, "browserSdkVersion", body.get("browserSdkVersion"), SDK_VERSIONS)
                : null;
        int mask = 0;
        int bits = 0;
        Object options = body.get("dynamicSdkLoaderOptions");
        if (options != null && DrfFields.isObject(errors, "dynamicSdkLoaderOptions", options)) {
            Map<?, ?> given = (Map<?, ?>) options;
            DrfFields.Errors inner = new DrfFields.Errors();
            for (LoaderOption o : LoaderOption.values()) {
                if (!given.containsKey(o.wire())) {
                    continue; // unknown names are dropped, as Sentry's serializer does
                }
                Object b = DrfFields.booleanField(inner, o.wire(), given.get(o.wire()));
                if (b instanceof Boolean on) {
                    mask |= o.bit();
                    bits |= on ? o.bit() : 0;
                }
            }
            if (!inner.isEmpty()) {
                errors.nested("dynamicSdkLoaderOptions", inner);
            }
        }
        errors.throwIfAny();
        String label = (String) name;
        return new Update(label == null || label.isEmpty() ? null : label, (Boolean) active, rateLimit,
                (String) version, mask, bits);
    }

    /** The nested rate limit serializer; null when it failed (errors recorded). */
    private static RateLimit rateLimit(DrfFields.Errors errors, Object value) {
        if (!DrfFields.isObject(errors, "rateLimit", value)) {
            return null;
        }
        Map<?, ?> m = (Map<?, ?>) value;
        DrfFields.Errors inner = new DrfFields.Errors();
        Object count = m.containsKey("count")
                ? DrfFields.integerField(inner, "count", m.get("count"), 0, Integer.MAX_VALUE) : null;
        Object window = m.containsKey("window")
                ? DrfFields.integerField(inner, "window", m.get("window"), 0, ClientKey.MAX_RATE_LIMIT_WINDOW) : null;
        if (!inner.isEmpty()) {
            errors.nested("rateLimit", inner);
            return null;
        }
        return RateLimit.of((Long) count, (Long) window);
    }
}
