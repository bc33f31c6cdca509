package keys.http;

/**
 * An active fault: its id ({@code f1}, {@code f2}, … in the order added since start or the last
 * reset), what it does, and how many more requests it answers (null: unlimited).
 */
public record Fault(String id, FaultSpec spec, Integer remaining) {
}
