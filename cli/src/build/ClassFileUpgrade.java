import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step of the cli module (run by Maven after the shade plugin, with ASM on the class path):
 * rewrites the class files under the given package folders of the netctl jar that are older than
 * Java 6 (class file version 50) as Java 8 class files with stack map frames. Their code is
 * unchanged; the JVM's class-data-sharing archive and ahead-of-time cache skip pre-Java-6 classes,
 * so without this picocli (built for Java 5) is read from the jar and verified by the old
 * type-inferencing verifier on every start of netctl (see docs/benchmarks.md).
 *
 * <p>Usage: {@code java -cp asm.jar ClassFileUpgrade.java JAR FOLDER...}, e.g. {@code netctl.jar picocli/}.
 */
public final class ClassFileUpgrade {
  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]).toAbsolutePath();
    List<String> folders = List.of(args).subList(1, args.length);
    int upgraded = 0;
    // the jar's classes, for the common super classes of the frames (loaded, never initialised)
    try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassFileUpgrade.class.getClassLoader());
        FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
      for (String folder : folders) {
        Path dir = fs.getPath(folder);
        if (!Files.isDirectory(dir)) {
          throw new IllegalArgumentException(jar + " has no folder " + folder);
        }
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
            byte[] in = Files.readAllBytes(p);
            int major = ((in[6] & 0xff) << 8) | (in[7] & 0xff);
            if (major < Opcodes.V1_6) {
              Files.write(p, upgrade(in, classes));
              upgraded++;
            }
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    System.out.println("ClassFileUpgrade: " + upgraded + " class files of " + folders + " in " + jar.getFileName() + " rewritten as Java 8 class files");
  }

  private static byte[] upgrade(byte[] in, ClassLoader classes) {
    ClassReader r = new ClassReader(in);
    ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return classes;
      }
    };
    r.accept(new ClassVisitor(Opcodes.ASM9, w) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
      }
    }, ClassReader.SKIP_FRAMES);
    return w.toByteArray();
  }
}
