package bench;

import java.util.Map;
import java.util.TreeMap;

/** ServiceNow calls counted by the client's own timer: how many, their total time, and how many per operation. */
record Calls(long count, double seconds, Map<String, Long> byOperation) {

	Calls minus(Calls earlier) {
		Map<String, Long> delta = new TreeMap<>(byOperation);
		earlier.byOperation.forEach((key, value) -> delta.merge(key, -value, Long::sum));
		delta.values().removeIf(value -> value == 0);
		return new Calls(count - earlier.count, seconds - earlier.seconds, delta);
	}
}
