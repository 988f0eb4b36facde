package im.access.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.protocol.Command;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The stream decoder's contract: however reads split or coalesce the bytes, the same frames come out. */
class FrameDecoderPropertyTest {

    @Property(tries = 300)
    void decode_shouldYieldTheSameFrames_howeverTheStreamIsSplit(
            @ForAll("frameLists") List<Frame> frames,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 100_000) Integer> cutSeeds) {
        ByteBuf stream = Unpooled.buffer();
        frames.forEach(f -> FrameCodec.encode(f, stream));
        int total = stream.readableBytes();
        TreeSet<Integer> cuts = new TreeSet<>();
        cutSeeds.forEach(s -> cuts.add(s % (total + 1)));
        cuts.add(total);

        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(FrameCodec.DEFAULT_MAX_BODY_BYTES, () -> { }));
        int from = 0;
        for (int cut : cuts) {
            channel.writeInbound(stream.retainedSlice(from, cut - from));
            from = cut;
        }
        stream.release();

        List<Frame> decoded = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) {
            decoded.add((Frame) o);
        }
        assertThat(decoded).hasSameSizeAs(frames);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(decoded.get(i).cmd()).isEqualTo(frames.get(i).cmd());
            assertThat(decoded.get(i).seq()).isEqualTo(frames.get(i).seq());
            assertThat(decoded.get(i).body()).isEqualTo(frames.get(i).body());
        }
        assertThat(channel.finish()).isFalse();
    }

    @Provide
    Arbitrary<List<Frame>> frameLists() {
        return Combinators.combine(
                Arbitraries.of(Command.values()),
                Arbitraries.integers(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000)
        ).as(Frame::new).list().ofMinSize(1).ofMaxSize(20);
    }
}
