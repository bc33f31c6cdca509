package keys.store;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable hash map whose {@link #with} and {@link #without} make a new map sharing all but
 * one path with this one (a hash array mapped trie: nodes of up to 32 slots, five bits of the
 * hash a level). A write to a state's index then costs O(log n), not a copy of the whole index:
 * with 5,000 projects a key create copied 5,000 entries twice before this. Reads are a few hops
 * deeper than a {@link java.util.HashMap}'s. Keys with equal hashes share a slot as a chain.
 */
final class HashTrie<K, V> extends AbstractMap<K, V> {
    private static final int BITS = 5;
    private static final HashTrie<?, ?> EMPTY = new HashTrie<>(new Node(0, new Object[0]), 0);

    /** Slots in hash order: each a {@link Leaf} (with any others of its hash) or a deeper {@link Node}. */
    private record Node(int bitmap, Object[] slots) {
    }

    /** One mapping, and the next of the same hash. */
    private record Leaf(int hash, Object key, Object value, Leaf next) implements Map.Entry<Object, Object> {
        @Override
        public Object getKey() {
            return key;
        }

        @Override
        public Object getValue() {
            return value;
        }

        @Override
        public Object setValue(Object value) {
            throw new UnsupportedOperationException("an immutable map");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && key.equals(e.getKey()) && java.util.Objects.equals(value,
                    e.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ java.util.Objects.hashCode(value);
        }
    }

    private final Node root;
    private final int size;

    private HashTrie(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <K, V> HashTrie<K, V> empty() {
        return (HashTrie<K, V>) EMPTY;
    }

    /** {@code map} as a trie: itself if it is one. */
    static <K, V> HashTrie<K, V> of(Map<K, V> map) {
        if (map instanceof HashTrie<K, V> trie) {
            return trie;
        }
        HashTrie<K, V> out = empty();
        for (Map.Entry<K, V> e : map.entrySet()) {
            out = out.with(e.getKey(), e.getValue());
        }
        return out;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        Leaf leaf = find(key);
        return leaf == null ? null : (V) leaf.value;
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) != null;
    }

    /** This map with {@code key} mapped to {@code value} (keys and values are never null). */
    HashTrie<K, V> with(K key, V value) {
        int hash = hash(key);
        boolean added = find(key) == null;
        return new HashTrie<>(insert(root, new Leaf(hash, key, value, null), 0), added ? size + 1 : size);
    }

    /** This map without {@code key}; itself if it has no such key. */
    HashTrie<K, V> without(Object key) {
        if (find(key) == null) {
            return this;
        }
        Node r = remove(root, hash(key), key, 0);
        return new HashTrie<>(r == null ? new Node(0, new Object[0]) : r, size - 1);
    }

    private Leaf find(Object key) {
        int hash = hash(key);
        Node node = root;
        for (int shift = 0; ; shift += BITS) {
            int bit = bit(hash, shift);
            if ((node.bitmap & bit) == 0) {
                return null;
            }
            Object slot = node.slots[index(node.bitmap, bit)];
            if (slot instanceof Node deeper) {
                node = deeper;
                continue;
            }
            for (Leaf l = (Leaf) slot; l != null; l = l.next) {
                if (l.hash == hash && l.key.equals(key)) {
                    return l;
                }
            }
            return null;
        }
    }

    private static Node insert(Node node, Leaf leaf, int shift) {
        int bit = bit(leaf.hash, shift);
        int i = index(node.bitmap, bit);
        if ((node.bitmap & bit) == 0) {
            Object[] slots = new Object[node.slots.length + 1];
            System.arraycopy(node.slots, 0, slots, 0, i);
            slots[i] = leaf;
            System.arraycopy(node.slots, i, slots, i + 1, node.slots.length - i);
            return new Node(node.bitmap | bit, slots);
        }
        Object slot = node.slots[i];
        Object replaced;
        if (slot instanceof Node deeper) {
            replaced = insert(deeper, leaf, shift + BITS);
        } else if (((Leaf) slot).hash == leaf.hash) {
            replaced = chainWith((Leaf) slot, leaf);
        } else {
            replaced = split((Leaf) slot, leaf, shift + BITS);
        }
        Object[] slots = node.slots.clone();
        slots[i] = replaced;
        return new Node(node.bitmap, slots);
    }

    /** Two leaves of different hashes that met in one slot: a node (or nodes) telling them apart. */
    private static Node split(Leaf a, Leaf b, int shift) {
        int bitA = bit(a.hash, shift);
        int bitB = bit(b.hash, shift);
        if (bitA == bitB) {
            return new Node(bitA, new Object[] {split(a, b, shift + BITS)});
        }
        return new Node(bitA | bitB, Integer.compareUnsigned(bitA, bitB) < 0 ? new Object[] {a, b} : new Object[] {b, a});
    }

    /** The chain {@code chain} with {@code leaf}'s key mapped to its value. */
    private static Leaf chainWith(Leaf chain, Leaf leaf) {
        if (chain == null) {
            return leaf;
        }
        if (chain.key.equals(leaf.key)) {
            return new Leaf(leaf.hash, leaf.key, leaf.value, chain.next);
        }
        return new Leaf(chain.hash, chain.key, chain.value, chainWith(chain.next, leaf));
    }

    private static Leaf chainWithout(Leaf chain, Object key) {
        if (chain.key.equals(key)) {
            return chain.next;
        }
        return new Leaf(chain.hash, chain.key, chain.value, chainWithout(chain.next, key));
    }

    /** {@code node} without {@code key} (which it holds); null when nothing is left in it. */
    private static Node remove(Node node, int hash, Object key, int shift) {
        int bit = bit(hash, shift);
        int i = index(node.bitmap, bit);
        Object slot = node.slots[i];
        Object replaced = slot instanceof Node deeper ? remove(deeper, hash, key, shift + BITS)
                : chainWithout((Leaf) slot, key);
        if (replaced != null) {
            Object[] slots = node.slots.clone();
            slots[i] = replaced;
            return new Node(node.bitmap, slots);
        }
        if (node.slots.length == 1) {
            return null;
        }
        Object[] slots = new Object[node.slots.length - 1];
        System.arraycopy(node.slots, 0, slots, 0, i);
        System.arraycopy(node.slots, i + 1, slots, i, slots.length - i);
        return new Node(node.bitmap & ~bit, slots);
    }

    /** Spread, so that ids counting up fill the first levels evenly. */
    private static int hash(Object key) {
        return key.hashCode() * 0x9E3779B9;
    }

    private static int bit(int hash, int shift) {
        return 1 << (hash >>> shift & 31);
    }

    private static int index(int bitmap, int bit) {
        return Integer.bitCount(bitmap & (bit - 1));
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                return new Entries<>(root);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Depth first through the nodes, each chain in turn. */
    private static final class Entries<K, V> implements Iterator<Map.Entry<K, V>> {
        private final ArrayDeque<Object> pending = new ArrayDeque<>();
        private Leaf chain;

        Entries(Node root) {
            pushSlots(root);
        }

        @Override
        public boolean hasNext() {
            while (chain == null && !pending.isEmpty()) {
                Object slot = pending.pop();
                if (slot instanceof Node node) {
                    pushSlots(node);
                } else {
                    chain = (Leaf) slot;
                }
            }
            return chain != null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map.Entry<K, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Leaf l = chain;
            chain = l.next;
            return (Map.Entry<K, V>) (Map.Entry<?, ?>) l;
        }

        private void pushSlots(Node node) {
            for (int i = node.slots.length - 1; i >= 0; i--) {
                pending.push(node.slots[i]);
            }
        }
    }
}
