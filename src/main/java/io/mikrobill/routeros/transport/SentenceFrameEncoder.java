package io.mikrobill.routeros.transport;

import io.mikrobill.routeros.protocol.WordLength;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Encodes an {@link OutboundSentence} as length-prefixed words and the terminating zero byte. */
@Sharable
public final class SentenceFrameEncoder extends MessageToByteEncoder<OutboundSentence> {

  public static final SentenceFrameEncoder INSTANCE = new SentenceFrameEncoder();

  private SentenceFrameEncoder() {
    super(OutboundSentence.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, OutboundSentence msg, ByteBuf out) {
    byte[] prefix = new byte[5];
    for (byte[] w : msg.words()) {
      int n = WordLength.encode(w.length, prefix, 0);
      out.writeBytes(prefix, 0, n);
      out.writeBytes(w);
    }
    out.writeByte(0);
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, OutboundSentence msg, boolean preferDirect) {
    int size = 1;
    for (byte[] w : msg.words()) {
      size += WordLength.prefixSize(w.length) + w.length;
    }
    return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
  }
}
