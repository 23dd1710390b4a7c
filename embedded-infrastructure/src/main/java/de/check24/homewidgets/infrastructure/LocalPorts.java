package de.check24.homewidgets.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports on 127.0.0.1 for servers started by tests and the local platform. */
public final class LocalPorts {

	private LocalPorts() {
	}

	/**
	 * A port that was free a moment ago.
	 * @return the port number
	 */
	public static int free() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
