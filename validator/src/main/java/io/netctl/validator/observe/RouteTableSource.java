package io.netctl.validator.observe;

import io.netctl.ipam.BadInputException;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteTableException;
import io.netctl.lvs.iproute.IprouteJson;
import io.netctl.lvs.iproute.IprouteTable;
import io.netctl.lvs.iproute.RtProtos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** A host's kernel routing tables as a source for the director and node route checks. */
public interface RouteTableSource {
  /** Every route of every table. */
  List<KernelRoute> routes();

  /** Where the routes come from, for the report ({@code this host's kernel}, a file name). */
  String where();

  /** This host's kernel, through the lvs module's iproute2 adapter. */
  static RouteTableSource kernel() {
    return new RouteTableSource() {
      @Override
      public List<KernelRoute> routes() {
        return IprouteTable.of(null).list();
      }

      @Override
      public String where() {
        return "this host's kernel";
      }
    };
  }

  /** A dump of {@code ip -4 -json route show table all}; a missing or malformed file is bad input. */
  static RouteTableSource file(Path file) {
    return new RouteTableSource() {
      @Override
      public List<KernelRoute> routes() {
        try {
          return IprouteJson.parse(Files.readAllBytes(file), RtProtos.system());
        } catch (NoSuchFileException e) {
          throw new BadInputException("route dump " + file + ": no such file");
        } catch (IOException e) {
          throw new BadInputException("route dump " + file + ": cannot read (" + e.getMessage() + ")");
        } catch (RouteTableException e) {
          throw new BadInputException("route dump " + file + ": " + e.getMessage());
        }
      }

      @Override
      public String where() {
        return file.toString();
      }
    };
  }
}
