package io.mikrobill.routeros.transport;

import io.mikrobill.routeros.protocol.SentenceDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Netty adapter of the pure {@link SentenceDecoder}: bytes in, one {@code List<byte[]>} message
 * per complete sentence out. A framing error surfaces as {@code exceptionCaught}, where the
 * connection closes itself.
 */
public final class SentenceFrameDecoder extends ChannelInboundHandlerAdapter {

  private final SentenceDecoder decoder;
  private final byte[] chunk = new byte[8192];

  public SentenceFrameDecoder(int maxWordSize) {
    this.decoder = new SentenceDecoder(maxWordSize, SentenceDecoder.DEFAULT_MAX_WORDS_PER_SENTENCE);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buf)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      while (buf.isReadable()) {
        int n = Math.min(buf.readableBytes(), chunk.length);
        buf.readBytes(chunk, 0, n);
        decoder.feed(chunk, 0, n, sentence -> ctx.fireChannelRead(sentence));
      }
    } finally {
      buf.release();
    }
  }
}
