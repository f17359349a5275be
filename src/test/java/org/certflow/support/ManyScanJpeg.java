package org.certflow.support;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A progressive grey JPEG of many empty scans. Each scan header is ten bytes and carries no data (the decoder fills
 * in zeros), yet the decoder walks every block of the image for each one: a few kilobytes that cost a core for
 * minutes. A decompression bomb in time rather than in memory.
 */
public final class ManyScanJpeg {

    private ManyScanJpeg() {
    }

    public static byte[] of(int width, int height, int scans) {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        jpeg.write(0xFF);
        jpeg.write(0xD8);
        byte[] quantisation = new byte[65];
        Arrays.fill(quantisation, 1, 65, (byte) 1);
        segment(jpeg, 0xDB, quantisation);
        // SOF2, progressive: 8 bits, height, width, one component (id 1, no subsampling, table 0)
        segment(jpeg, 0xC2, new byte[] {8, (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 1,
                1, 0x11, 0});
        // one Huffman code each: DC difference 0, and AC "end of band" for 2^14 blocks
        segment(jpeg, 0xC4, huffmanTable(0x00, 0x00));
        segment(jpeg, 0xC4, huffmanTable(0x10, 0xE0));
        segment(jpeg, 0xDA, new byte[] {1, 1, 0x00, 0, 0, 0});
        for (int i = 1; i < scans; i++) {
            segment(jpeg, 0xDA, new byte[] {1, 1, 0x00, 1, 63, 0});
        }
        jpeg.write(0xFF);
        jpeg.write(0xD9);
        return jpeg.toByteArray();
    }

    private static byte[] huffmanTable(int classAndId, int symbol) {
        byte[] table = new byte[1 + 16 + 1];
        table[0] = (byte) classAndId;
        table[1] = 1;
        table[17] = (byte) symbol;
        return table;
    }

    private static void segment(ByteArrayOutputStream jpeg, int marker, byte[] body) {
        int length = body.length + 2;
        jpeg.write(0xFF);
        jpeg.write(marker);
        jpeg.write(length >> 8);
        jpeg.write(length & 0xff);
        jpeg.write(body, 0, body.length);
    }
}
