package io.netctl.bgp.wire;

/**
 * An RFC 7606 finding about one UPDATE that did not reset the session: the decoder emits it just
 * before the UPDATE it concerns, which it has already repaired (attribute dropped, or the whole
 * UPDATE turned into a withdrawal of all its prefixes). The session counts and logs it.
 *
 * @param action {@link Rfc7606Action#ATTRIBUTE_DISCARD} or {@link Rfc7606Action#TREAT_AS_WITHDRAW}
 * @param error the error a NOTIFICATION would have carried
 * @param detail one line for a log
 */
public record MalformedUpdate(Rfc7606Action action, BgpError error, String detail) {}
