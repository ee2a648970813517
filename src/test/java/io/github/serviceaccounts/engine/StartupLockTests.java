package io.github.serviceaccounts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngineException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two nodes starting together on one PostgreSQL database: the second waits for the first.
 * Here "the other node" is a connection of the test that holds the same advisory lock.
 * ./test.sh passes {@code -Dpostgres.url}; without it only the H2 case runs.
 */
class StartupLockTests {

	private final PGSimpleDataSource postgres = new PGSimpleDataSource();

	private Connection otherNode;

	@BeforeEach
	void connect() {
		String url = System.getProperty("postgres.url", "");
		if (!url.isBlank()) {
			postgres.setURL(url);
		}
		postgres.setUser("serviceaccounts");
		postgres.setPassword("serviceaccounts");
	}

	@AfterEach
	void disconnect() throws SQLException {
		if (otherNode != null) {
			otherNode.close();
		}
	}

	@Test
	@EnabledIfSystemProperty(named = "postgres.url", matches = "jdbc:postgresql:.+")
	void aNodeWaitsWhileAnotherStartsThenHoldsTheLockUntilItIsReady() throws Exception {
		otherNode = postgres.getConnection();
		assertThat(lock(otherNode, "pg_try_advisory_lock")).as("the other node starts first").isTrue();
		StartupLock lock = new StartupLock(postgres, Duration.ofMinutes(1));

		CompletableFuture<Void> starting = CompletableFuture.runAsync(lock::acquire);
		Thread.sleep(1000);
		assertThat(starting).as("this node, while the other is starting").isNotDone();

		lock(otherNode, "pg_advisory_unlock");
		starting.get(10, TimeUnit.SECONDS);
		assertThat(lock.isHeld()).isTrue();
		assertThat(lock(otherNode, "pg_try_advisory_lock")).as("a third node, while this one starts").isFalse();

		lock.release();
		assertThat(lock.isHeld()).isFalse();
		assertThat(lock(otherNode, "pg_try_advisory_lock")).as("a third node, once this one is ready").isTrue();
	}

	@Test
	@EnabledIfSystemProperty(named = "postgres.url", matches = "jdbc:postgresql:.+")
	void aNodeThatWaitedTooLongFailsNamingWhoHoldsTheLock() throws Exception {
		otherNode = postgres.getConnection();
		assertThat(lock(otherNode, "pg_try_advisory_lock")).isTrue();
		int otherPid = pid(otherNode);

		assertThatThrownBy(new StartupLock(postgres, Duration.ofMillis(500))::acquire)
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining("waiting for the start-up lock (PostgreSQL advisory lock " + StartupLock.KEY + ")")
			.hasMessageContaining("held by PostgreSQL backend " + otherPid + " from ")
			.hasMessageContaining("another node is starting on this database, or hangs while starting");
	}

	@Test
	@EnabledIfSystemProperty(named = "postgres.url", matches = "jdbc:postgresql:.+")
	void aNodeThatDiesWhileStartingLeavesNoLockBehind() throws Exception {
		StartupLock dying = new StartupLock(postgres, Duration.ofSeconds(5));
		dying.acquire();
		otherNode = postgres.getConnection();
		// The node's connection goes, as when its JVM is killed: PostgreSQL ends the
		// session and its lock.
		try (PreparedStatement terminate = otherNode
			.prepareStatement("SELECT pg_terminate_backend(l.pid) FROM pg_locks l"
					+ " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? AND l.objid = ?")) {
			terminate.setLong(1, StartupLock.KEY >>> 32);
			terminate.setLong(2, StartupLock.KEY & 0xFFFF_FFFFL);
			terminate.execute();
		}

		StartupLock next = new StartupLock(postgres, Duration.ofSeconds(5));
		next.acquire();
		assertThat(next.isHeld()).isTrue();
		next.release();
		// Releasing over the dead connection only warns.
		dying.release();
		assertThat(dying.isHeld()).isFalse();
	}

	@Test
	void onH2NothingIsLocked() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:startup-lock");
		StartupLock lock = new StartupLock(h2, Duration.ofSeconds(1));

		lock.acquire();

		assertThat(lock.isHeld()).isFalse();
		lock.release();
	}

	private static boolean lock(Connection connection, String function) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
			statement.setLong(1, StartupLock.KEY);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	private static int pid(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
				ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getInt(1);
		}
	}

}
