package io.netctl.bgp.rib;

import io.netctl.bgp.wire.Prefix;
import java.util.Arrays;

/**
 * (IPv4 prefix, path identifier) → route attributes, an open-addressing hash table (linear probing,
 * backward-shift deletion) over packed prefixes ({@link Prefix.Ipv4#packed()}) and the ADD-PATH path
 * identifier (RFC 7911; 0 on sessions without it): 16 bytes per slot and no object per route, so a
 * million paths take about 32 MB at the table's load factor. The hash is the prefix's alone, so
 * every path of one prefix lies in one probe run ({@link #paths}).
 */
final class Ipv4RouteTable {
  private static final long FREE = -1L;
  private static final double MAX_LOAD = 0.6;

  /** What {@link #forEach} hands each entry to. */
  interface Entry {
    void accept(Prefix.Ipv4 prefix, int pathId, RouteAttributes attributes);
  }

  private long[] keys;
  private int[] ids;
  private RouteAttributes[] values;
  private int mask;
  private int size;

  Ipv4RouteTable() {
    this(16);
  }

  private Ipv4RouteTable(int capacity) {
    keys = new long[capacity];
    Arrays.fill(keys, FREE);
    ids = new int[capacity];
    values = new RouteAttributes[capacity];
    mask = capacity - 1;
  }

  private Ipv4RouteTable(long[] keys, int[] ids, RouteAttributes[] values, int size) {
    this.keys = keys;
    this.ids = ids;
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

  RouteAttributes get(long key, int id) {
    for (int i = home(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key && ids[i] == id) {
        return values[i];
      }
      if (k == FREE) {
        return null;
      }
    }
  }

  /** Every path of the prefix, in no particular order. */
  void paths(long key, Entry action) {
    for (int i = home(key); keys[i] != FREE; i = (i + 1) & mask) {
      if (keys[i] == key) {
        action.accept(Prefix.Ipv4.unpack(key), ids[i], values[i]);
      }
    }
  }

  /** Sets the value; returns the previous one or null. */
  RouteAttributes put(long key, int id, RouteAttributes value) {
    if (size + 1 > keys.length * MAX_LOAD) {
      grow();
    }
    for (int i = home(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key && ids[i] == id) {
        RouteAttributes old = values[i];
        values[i] = value;
        return old;
      }
      if (k == FREE) {
        keys[i] = key;
        ids[i] = id;
        values[i] = value;
        size++;
        return null;
      }
    }
  }

  /** Removes the path; returns its value or null. */
  RouteAttributes remove(long key, int id) {
    int i = home(key);
    while (true) {
      long k = keys[i];
      if (k == FREE) {
        return null;
      }
      if (k == key && ids[i] == id) {
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
        ids[hole] = ids[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = FREE;
    ids[hole] = 0;
    values[hole] = null;
    size--;
    return old;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldIds = ids;
    RouteAttributes[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, FREE);
    ids = new int[oldKeys.length * 2];
    values = new RouteAttributes[oldKeys.length * 2];
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != FREE) {
        for (int j = home(oldKeys[i]); ; j = (j + 1) & mask) {
          if (keys[j] == FREE) {
            keys[j] = oldKeys[i];
            ids[j] = oldIds[i];
            values[j] = oldValues[i];
            break;
          }
        }
      }
    }
  }

  void forEach(Entry action) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != FREE) {
        action.accept(Prefix.Ipv4.unpack(keys[i]), ids[i], values[i]);
      }
    }
  }

  /** A copy that shares the (immutable) attribute objects. */
  Ipv4RouteTable copy() {
    return new Ipv4RouteTable(keys.clone(), ids.clone(), values.clone(), size);
  }

  void clear() {
    Arrays.fill(keys, FREE);
    Arrays.fill(ids, 0);
    Arrays.fill(values, null);
    size = 0;
  }

  /** Bytes of the arrays (for the benchmark's per-prefix figure). */
  long footprint() {
    return 16L + 8L * keys.length + 16L + 4L * ids.length + 16L + 4L * values.length;
  }
}
