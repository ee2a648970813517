package bench;

/** What the runs on one database gave: the product (pacing off), the floor, the default pacing, a what-if. */
final class DbResults {

	String db;

	int jobThreads;

	int defaultPacing;

	String poolSize;

	Throughput at0, atLatency, floor, paced, whatIf;

	Latency latency0, latencyL, floorLatency;
}
