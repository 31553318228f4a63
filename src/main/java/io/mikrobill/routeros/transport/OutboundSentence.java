package io.mikrobill.routeros.transport;

import java.util.List;

/** A sentence on its way to the wire: words as bytes, without the terminating empty word. */
public record OutboundSentence(List<byte[]> words) {}
