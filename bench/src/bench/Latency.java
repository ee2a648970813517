package bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The latency runs of one context: per instance, the automated segment and the ServiceNow calls around it. */
final class Latency {

	final long latencyMillis;

	final Series segments = new Series();

	final Series serviceNowMillis = new Series();

	final Series overheadMillis = new Series();

	final Series segmentCalls = new Series();

	final Series simulatorCalls = new Series();

	final Series checkCalls = new Series();

	final Series afterCalls = new Series();

	Latency(long latencyMillis) {
		this.latencyMillis = latencyMillis;
	}

	void add(long segment, double serviceNow, long calls, long simulated, long before, long after) {
		segments.add(segment);
		serviceNowMillis.add(serviceNow);
		overheadMillis.add(segment - serviceNow);
		segmentCalls.add(calls);
		simulatorCalls.add(simulated);
		checkCalls.add(before);
		afterCalls.add(after);
	}

	static final class Series {

		final List<Double> values = new ArrayList<>();

		void add(double value) {
			values.add(value);
		}

		double percentile(double q) {
			List<Double> sorted = new ArrayList<>(values);
			sorted.sort(Comparator.naturalOrder());
			int rank = (int) Math.ceil(q * sorted.size());
			return sorted.get(Math.max(0, rank - 1));
		}

		double median() {
			List<Double> sorted = new ArrayList<>(values);
			sorted.sort(Comparator.naturalOrder());
			int size = sorted.size();
			return size % 2 == 1 ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
		}

		double mean() {
			return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
		}
	}
}
