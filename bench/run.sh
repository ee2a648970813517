#!/usr/bin/env bash
# Benchmark of the provisioning process: throughput (with its floor), latency of the automated
# segment, ServiceNow calls per account, and footprint next to a bare Camunda starter, on H2 and
# PostgreSQL. Not part of the tests: `mvn verify` never runs it. See bench/README.md.
#
#   bench/run.sh                      # everything, about 10 minutes on 2 cores
#   N=200 DBS=h2 FOOTPRINT=false bench/run.sh
#
# The printed table is also written to bench/target/results.txt; application logs are under
# bench/target/work/logs/.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-100}                          # requests per throughput run
N_LATENCY=${N_LATENCY:-300}          # requests of the runs at LATENCY_MS (the batch's fill and drain cost less)
WARMUP_LATENCY=${WARMUP_LATENCY:-300} # unmeasured requests at LATENCY_MS before those runs (the JIT compiles for the new load)
N_PACED=${N_PACED:-20}               # requests of the run with the default pacing (10 calls/s)
LATENCY_N=${LATENCY_N:-20}           # instances, one at a time, per latency run
WARMUP=${WARMUP:-100}                # instances provisioned in every context before measuring
WARMUP_FIRST=${WARMUP_FIRST:-800}    # ... and in the JVM's first context, to warm the JIT
WARMUP_FLOOR=${WARMUP_FLOOR:-400}    # ... and in the floor's context (new classes at the same call sites)
WARMUP_CALLS=${WARMUP_CALLS:-400000} # before those: at most this many ServiceNow calls in a loop, until their CPU stops falling (0 = none)
PEOPLE=${PEOPLE:-4}                  # threads that start requests and complete tasks
ROUNDS=${ROUNDS:-7}                  # 0 ms: product and floor side by side, this many alternating runs each (odd), median shown
LATENCY_MS=${LATENCY_MS:-100}        # the simulator's latency of the second run
WHATIF_THREADS=${WHATIF_THREADS:-20} # job executor threads of the what-if run (0 = skip it)
WHATIF_DBS=${WHATIF_DBS:-h2}         # databases that get the what-if run
DBS=${DBS-h2,postgres}
FOOTPRINT=${FOOTPRINT:-true}
FOOTPRINT_STARTS=${FOOTPRINT_STARTS:-2}
FOOTPRINT_N=${FOOTPRINT_N:-50}
FOOTPRINT_JAVA_OPTS=${FOOTPRINT_JAVA_OPTS:-}
FLOOR_READS=${FLOOR_READS:-false}    # true: the floor's delegates make the product's 11 calls per instance as reads (a diagnostic floor)
STATEMENTS=${STATEMENTS:-false}      # H2: write each context's SQL statement statistics of the rounds (bench/target/work/*-statements.tsv)
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS-}  # options of the benchmark's JVM (product and floor run in it)
MVN_FLAGS=${MVN_FLAGS:--o -q}        # offline; MVN_FLAGS=-q to let Maven download once
MAIN=${MAIN:-bench.ProvisioningBenchmark} # bench.ClientLoop: CPU per ServiceNow call in a loop (use with DBS=h2)
OUT=bench/target/results.txt
[[ "$MAIN" == bench.ProvisioningBenchmark ]] || OUT="bench/target/${MAIN#bench.}.txt"

mkdir -p bench/target
echo "[bench] building the application (tests skipped) and the bare Camunda starter" >&2
mvn $MVN_FLAGS -Dmaven.test.skip=true package
mvn $MVN_FLAGS dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=bench/target/classpath.txt
(cd bench/bare-camunda && mvn $MVN_FLAGS package)

classpath="target/classes:$(cat bench/target/classpath.txt)"
rm -rf bench/target/classes
javac -nowarn -d bench/target/classes -cp "$classpath" bench/src/bench/*.java

if [[ ",$DBS," == *",postgres,"* ]] && ! pg_isready -q -h localhost -p 5432; then
  echo "[bench] PostgreSQL is not running on localhost:5432 (test.sh starts it); or run with DBS=h2" >&2
  exit 1
fi

java $BENCH_JAVA_OPTS -cp "bench/target/classes:$classpath" \
  -Dbench.n="$N" -Dbench.nLatency="$N_LATENCY" -Dbench.warmupLatency="$WARMUP_LATENCY" -Dbench.nPaced="$N_PACED" -Dbench.latencyN="$LATENCY_N" -Dbench.warmup="$WARMUP" \
  -Dbench.warmupFirst="$WARMUP_FIRST" -Dbench.warmupFloor="$WARMUP_FLOOR" -Dbench.warmupCalls="$WARMUP_CALLS" -Dbench.people="$PEOPLE" -Dbench.rounds="$ROUNDS" \
  -Dbench.latencyMillis="$LATENCY_MS" -Dbench.whatIfThreads="$WHATIF_THREADS" -Dbench.whatIfDbs="$WHATIF_DBS" -Dbench.dbs="$DBS" \
  -Dbench.footprint="$FOOTPRINT" -Dbench.footprintStarts="$FOOTPRINT_STARTS" -Dbench.footprintN="$FOOTPRINT_N" \
  -Dbench.footprintJavaOpts="$FOOTPRINT_JAVA_OPTS" -Dbench.statements="$STATEMENTS" -Dbench.floorReads="$FLOOR_READS" \
  "$MAIN" | tee "$OUT"
