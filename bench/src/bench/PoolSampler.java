package bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Samples the connection pool (Hikari's own gauges) every 20 ms while a run goes on. */
final class PoolSampler {

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private double sum;

	private double max;

	private double pendingMax;

	private int samples;

	PoolSampler(MeterRegistry registry) {
		timer.scheduleAtFixedRate(() -> {
			Gauge active = registry.find("hikaricp.connections.active").gauge();
			Gauge pending = registry.find("hikaricp.connections.pending").gauge();
			if (active != null) {
				synchronized (this) {
					sum += active.value();
					max = Math.max(max, active.value());
					pendingMax = Math.max(pendingMax, pending == null ? 0 : pending.value());
					samples++;
				}
			}
		}, 0, 20, TimeUnit.MILLISECONDS);
	}

	/** [mean active, max active, max pending]. */
	synchronized double[] stop() {
		timer.shutdownNow();
		return new double[] { samples == 0 ? Double.NaN : sum / samples, max, pendingMax };
	}
}
