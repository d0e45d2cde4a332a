package io.netctl.bgp.rib;

import io.netctl.bgp.wire.Prefix;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * IPv4 prefix → route attributes, an open-addressing hash table (linear probing, backward-shift
 * deletion) over packed prefixes ({@link Prefix.Ipv4#packed()}): 12 bytes per slot and no object
 * per route, so a million routes take about 24 MB at the table's load factor.
 */
final class Ipv4RouteTable {
  private static final long FREE = -1L;
  private static final double MAX_LOAD = 0.6;

  private long[] keys;
  private RouteAttributes[] values;
  private int mask;
  private int size;

  Ipv4RouteTable() {
    this(16);
  }

  private Ipv4RouteTable(int capacity) {
    keys = new long[capacity];
    Arrays.fill(keys, FREE);
    values = new RouteAttributes[capacity];
    mask = capacity - 1;
  }

  private Ipv4RouteTable(long[] keys, RouteAttributes[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.mask = keys.length - 1;
    this.size = size;
  }

  private int home(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  int size() {
    return size;
  }

  RouteAttributes get(long key) {
    for (int i = home(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == FREE) {
        return null;
      }
    }
  }

  /** Sets the value; returns the previous one or null. */
  RouteAttributes put(long key, RouteAttributes value) {
    if (size + 1 > keys.length * MAX_LOAD) {
      grow();
    }
    for (int i = home(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) {
        RouteAttributes old = values[i];
        values[i] = value;
        return old;
      }
      if (k == FREE) {
        keys[i] = key;
        values[i] = value;
        size++;
        return null;
      }
    }
  }

  /** Removes the key; returns its value or null. */
  RouteAttributes remove(long key) {
    int i = home(key);
    while (true) {
      long k = keys[i];
      if (k == FREE) {
        return null;
      }
      if (k == key) {
        break;
      }
      i = (i + 1) & mask;
    }
    RouteAttributes old = values[i];
    // backward shift: move later entries of the probe run into the hole when their home allows
    int hole = i;
    for (int j = (i + 1) & mask; keys[j] != FREE; j = (j + 1) & mask) {
      int h = home(keys[j]);
      boolean between = hole <= j ? (h > hole && h <= j) : (h > hole || h <= j);
      if (!between) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = FREE;
    values[hole] = null;
    size--;
    return old;
  }

  private void grow() {
    long[] oldKeys = keys;
    RouteAttributes[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, FREE);
    values = new RouteAttributes[oldKeys.length * 2];
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != FREE) {
        for (int j = home(oldKeys[i]); ; j = (j + 1) & mask) {
          if (keys[j] == FREE) {
            keys[j] = oldKeys[i];
            values[j] = oldValues[i];
            break;
          }
        }
      }
    }
  }

  void forEach(BiConsumer<Prefix.Ipv4, RouteAttributes> action) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != FREE) {
        action.accept(Prefix.Ipv4.unpack(keys[i]), values[i]);
      }
    }
  }

  /** A copy that shares the (immutable) attribute objects. */
  Ipv4RouteTable copy() {
    return new Ipv4RouteTable(keys.clone(), values.clone(), size);
  }

  void clear() {
    Arrays.fill(keys, FREE);
    Arrays.fill(values, null);
    size = 0;
  }

  /** Bytes of the arrays (for the benchmark's per-prefix figure). */
  long footprint() {
    return 16L + 8L * keys.length + 16L + 4L * values.length;
  }
}
