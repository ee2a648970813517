package bench;

import java.util.Date;

/** Progress lines on standard error, so that standard output holds the table alone (run.sh writes it to a file). */
final class Progress {

	private Progress() {
	}

	static void print(String format, Object... args) {
		System.err.printf("[bench %tT] " + format + "%n", prepend(new Date(), args));
		System.err.flush();
	}

	private static Object[] prepend(Object first, Object[] rest) {
		Object[] all = new Object[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}
}
