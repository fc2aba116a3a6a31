package dev.coffer.cli;

/**
 * Whole frames on their way through a {@link BlockPipeline}: plaintext on one side, the frames as the message
 * holds them on the other ({@code in} and {@code out} are one or the other, by direction). {@code regular}
 * regular frames from number {@code firstFrame}, then the final frame if {@code finalLength} is not negative.
 */
final class FrameBlock extends BlockPipeline.Block {
    final byte[] in;
    final byte[] out;
    long firstFrame;
    int regular;
    int finalLength;
    /** Bytes of {@code out} filled. */
    int outLength;

    FrameBlock(int inLength, int outLength) {
        this.in = new byte[inLength];
        this.out = new byte[outLength];
    }

    boolean hasFinal() {
        return finalLength >= 0;
    }

    @Override
    void reset() {
        super.reset();
        firstFrame = 0;
        regular = 0;
        finalLength = -1;
        outLength = 0;
    }

    @Override
    public String toString() {
        return "FrameBlock[" + regular + " frames from " + firstFrame + (hasFinal() ? " and the final" : "") + "]";
    }
}
