package io.netctl.bgp.wire;

/** Path attribute type codes (IANA "BGP Path Attributes") and the flags each is sent with. */
public final class AttributeType {
  private AttributeType() {}

  public static final int ORIGIN = 1;
  public static final int AS_PATH = 2;
  public static final int NEXT_HOP = 3;
  public static final int MULTI_EXIT_DISC = 4;
  public static final int LOCAL_PREF = 5;
  public static final int ATOMIC_AGGREGATE = 6;
  public static final int AGGREGATOR = 7;
  public static final int COMMUNITIES = 8;
  public static final int ORIGINATOR_ID = 9;
  public static final int CLUSTER_LIST = 10;
  public static final int MP_REACH_NLRI = 14;
  public static final int MP_UNREACH_NLRI = 15;
  public static final int EXTENDED_COMMUNITIES = 16;
  public static final int AS4_PATH = 17;
  public static final int AS4_AGGREGATOR = 18;
  public static final int LARGE_COMMUNITY = 32;

  /** True for the types this codec decodes into records. */
  public static boolean known(int type) {
    return switch (type) {
      case ORIGIN, AS_PATH, NEXT_HOP, MULTI_EXIT_DISC, LOCAL_PREF, ATOMIC_AGGREGATE, AGGREGATOR, COMMUNITIES,
          ORIGINATOR_ID, CLUSTER_LIST, MP_REACH_NLRI, MP_UNREACH_NLRI, EXTENDED_COMMUNITIES, AS4_PATH,
          AS4_AGGREGATOR, LARGE_COMMUNITY -> true;
      default -> false;
    };
  }

  /** The optional (0x80) and transitive (0x40) bits of a known type. */
  public static int canonicalFlags(int type) {
    return switch (type) {
      case ORIGIN, AS_PATH, NEXT_HOP, LOCAL_PREF, ATOMIC_AGGREGATE -> PathAttribute.TRANSITIVE;
      case MULTI_EXIT_DISC, ORIGINATOR_ID, CLUSTER_LIST, MP_REACH_NLRI, MP_UNREACH_NLRI -> PathAttribute.OPTIONAL;
      case AGGREGATOR, COMMUNITIES, EXTENDED_COMMUNITIES, AS4_PATH, AS4_AGGREGATOR, LARGE_COMMUNITY ->
          PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE;
      default -> PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE;
    };
  }

  /** The name used in logs and JSON, e.g. "AS_PATH", or "type 99". */
  public static String name(int type) {
    return switch (type) {
      case ORIGIN -> "ORIGIN";
      case AS_PATH -> "AS_PATH";
      case NEXT_HOP -> "NEXT_HOP";
      case MULTI_EXIT_DISC -> "MULTI_EXIT_DISC";
      case LOCAL_PREF -> "LOCAL_PREF";
      case ATOMIC_AGGREGATE -> "ATOMIC_AGGREGATE";
      case AGGREGATOR -> "AGGREGATOR";
      case COMMUNITIES -> "COMMUNITIES";
      case ORIGINATOR_ID -> "ORIGINATOR_ID";
      case CLUSTER_LIST -> "CLUSTER_LIST";
      case MP_REACH_NLRI -> "MP_REACH_NLRI";
      case MP_UNREACH_NLRI -> "MP_UNREACH_NLRI";
      case EXTENDED_COMMUNITIES -> "EXTENDED_COMMUNITIES";
      case AS4_PATH -> "AS4_PATH";
      case AS4_AGGREGATOR -> "AS4_AGGREGATOR";
      case LARGE_COMMUNITY -> "LARGE_COMMUNITY";
      default -> "type " + type;
    };
  }
}
