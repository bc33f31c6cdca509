package keys.domain;

import java.util.Optional;

/** What a client key is for. Only superusers see keys of a use case other than {@link #USER}. */
public enum UseCase {
    USER("user"), PROFILING("profiling"), TEMPEST("tempest"), DEMO("demo");

    private final String wire;

    UseCase(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<UseCase> parse(String wire) {
        for (UseCase u : values()) {
            if (u.wire.equals(wire)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
