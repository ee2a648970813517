package io.github.serviceaccounts.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Recent calls, bounded so that long benchmark runs cannot exhaust memory. */
final class RequestLog {

	private static final int CAPACITY = 10_000;

	private final Deque<RequestLogEntry> entries = new ArrayDeque<>();

	synchronized void add(RequestLogEntry entry) {
		if (entries.size() == CAPACITY) {
			entries.removeFirst();
		}
		entries.addLast(entry);
	}

	synchronized List<RequestLogEntry> entries() {
		return List.copyOf(entries);
	}

	synchronized void clear() {
		entries.clear();
	}

}
