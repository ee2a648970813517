package io.github.serviceaccounts.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lets one node at a time start on a shared PostgreSQL database. Camunda creates or
 * updates its schema, writes the history level and its bootstrap properties without any
 * lock, and the starter creates the admin user and the "All tasks" filter by looking
 * first: two nodes started together on an empty database (two replicas of one deployment,
 * say) both create the tables, and one dies with "duplicate key value violates unique
 * constraint pg_type_typname_nsp_index".
 * <p>
 * A PostgreSQL session-level advisory lock is taken before the engine is built and held
 * until the application is ready (schema, history level, deployment, users, groups,
 * authorizations and filters in place); the next node waits, then finds everything there.
 * The lock lives on its own connection, so it goes with the node: a node killed while
 * starting releases it when PostgreSQL drops its connection. Other databases (H2 serves
 * one node only) take no lock.
 */
@Component
class StartupLock extends AbstractProcessEnginePlugin {

	private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

	/**
	 * The advisory lock's key, one 64-bit number for this application ("svcacctS" in
	 * ASCII).
	 */
	static final long KEY = 0x737663616363_7453L;

	private static final Duration POLL = Duration.ofMillis(200);

	private final DataSource dataSource;

	private final Duration patience;

	private Connection held;

	@Autowired
	StartupLock(DataSource dataSource) {
		this(dataSource, Duration.ofMinutes(10));
	}

	StartupLock(DataSource dataSource, Duration patience) {
		this.dataSource = dataSource;
		this.patience = patience;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		acquire();
	}

	/**
	 * Waits, at most {@code patience}, until no other node holds the lock; then holds it.
	 */
	synchronized void acquire() {
		if (held != null) {
			return;
		}
		Connection connection = null;
		try {
			connection = dataSource.getConnection();
			if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
				connection.close();
				return;
			}
			connection.setAutoCommit(true);
			Instant giveUp = Instant.now().plus(patience);
			boolean told = false;
			while (!tryLock(connection)) {
				if (!told) {
					log.info(
							"Another node is starting on this database ({}); waiting for it before creating or checking"
									+ " the engine's schema",
							holder(connection));
					told = true;
				}
				if (Instant.now().isAfter(giveUp)) {
					throw new ProcessEngineException(
							"Gave up after " + patience.toMinutes() + " min waiting for the start-up lock"
									+ " (PostgreSQL advisory lock " + KEY + "), held by " + holder(connection)
									+ ": another node is starting on this database, or hangs while starting");
				}
				Thread.sleep(POLL.toMillis());
			}
			held = connection;
			connection = null;
			if (told) {
				log.info("Start-up lock acquired; the other node has finished starting");
			}
		}
		catch (SQLException e) {
			throw new ProcessEngineException(
					"Cannot take the start-up lock (PostgreSQL advisory lock " + KEY + "): " + e.getMessage(), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ProcessEngineException("Interrupted while waiting for the start-up lock", e);
		}
		finally {
			closeQuietly(connection);
		}
	}

	/** Once the application is ready, or when it stops without having become ready. */
	@EventListener(ApplicationReadyEvent.class)
	@PreDestroy
	synchronized void release() {
		if (held == null) {
			return;
		}
		try (PreparedStatement unlock = held.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			unlock.setLong(1, KEY);
			unlock.execute();
		}
		catch (SQLException e) {
			// Closing the connection below ends the session, and PostgreSQL drops the
			// lock with it.
			log.warn("Could not release the start-up lock explicitly ({}); closing its connection instead",
					e.getMessage());
		}
		finally {
			closeQuietly(held);
			held = null;
		}
	}

	synchronized boolean isHeld() {
		return held != null;
	}

	private static boolean tryLock(Connection connection) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			lock.setLong(1, KEY);
			try (ResultSet result = lock.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	/**
	 * Who holds the lock, as PostgreSQL sees it: enough for an operator to find the node.
	 */
	private static String holder(Connection connection) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT a.pid, a.client_addr, a.backend_start"
				+ " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
				+ " AND l.classid = ? AND l.objid = ? AND l.objsubid = 1")) {
			query.setLong(1, KEY >>> 32);
			query.setLong(2, KEY & 0xFFFF_FFFFL);
			try (ResultSet result = query.executeQuery()) {
				if (!result.next()) {
					return "a node that has just released it";
				}
				String address = result.getString(2) == null ? "a local socket (or an address hidden from this role)"
						: result.getString(2);
				return "PostgreSQL backend " + result.getInt(1) + " from " + address + ", connected at "
						+ result.getTimestamp(3).toInstant();
			}
		}
	}

	private static void closeQuietly(Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.close();
		}
		catch (SQLException e) {
			log.debug("Closing the start-up lock's connection failed: {}", e.getMessage());
		}
	}

}
