package im.systemtest.access;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/** {@link TestClient} over a plain {@link Socket}. */
final class TcpTestClient extends TestClient {
    private final Socket socket;
    private final OutputStream out;

    TcpTestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "it-tcp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                byte[] header = new byte[20];
                in.readFully(header);
                int bodyLength = ByteBuffer.wrap(header).getInt(16);
                byte[] frame = new byte[20 + bodyLength];
                System.arraycopy(header, 0, frame, 0, 20);
                in.readFully(frame, 20, bodyLength);
                received(WireFrame.decode(ByteBuffer.wrap(frame)));
            }
        } catch (EOFException e) {
            serverClosed();
        } catch (IOException e) {
            serverClosed(); // reset after our own close or the server's
        }
    }

    @Override
    synchronized void send(WireFrame f) throws IOException {
        out.write(f.encode());
        out.flush();
    }

    @Override
    synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() {
        stopHeartbeats();
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
