package io.netctl.ipam.store;

import java.nio.file.Path;

/**
 * A separate process for {@link FileStoreTest}: increments a counter key {@code N} times with
 * compare-and-swap on a file store, printing "done" at the end. Run as {@code java -cp ...
 * FileStoreHammer FILE KEY N}.
 */
public final class FileStoreHammer {
  private FileStoreHammer() {}

  public static void main(String[] args) {
    try (FileStore s = new FileStore(Path.of(args[0]))) {
      String key = args[1];
      int n = Integer.parseInt(args[2]);
      for (int i = 0; i < n; i++) {
        while (true) {
          KeyValue kv = s.get(key).orElseThrow();
          int v = Integer.parseInt(kv.value());
          if (s.commit(Txn.builder().update(kv, Integer.toString(v + 1)).build()).succeeded()) {
            break;
          }
        }
      }
    }
    System.out.println("done");
  }
}
