package io.github.serviceaccounts.cockpit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * One index of the product's own on Camunda's history: the {@code owner} variable's
 * values in {@code ACT_HI_DETAIL}, which tell the Cockpit plugin the accounts a person
 * owns or owned ({@link Inventory#ownedBy}). Without it, every page an owner or a manager
 * opens reads every account's {@code owner} row from a table that 7 years of history make
 * the largest of all (about 300 rows per account).
 * <p>
 * Created at start when missing, after the engine has its schema (and, on PostgreSQL,
 * under the start-up lock that lets one node start at a time): on PostgreSQL a partial
 * index of the {@code owner} rows only, built without blocking writes
 * ({@code CONCURRENTLY}); on H2 an index on name and value. Camunda allows indexes of
 * one's own; its upgrade scripts neither know nor touch this one. Other databases get
 * none, and a log line; a database user that may not create it gets a warning with the
 * statement for a database administrator, and the application starts all the same.
 */
@Component
class OwnerIndex implements InitializingBean {

	static final String NAME = "SA_IDX_HI_DETAIL_OWNER";

	private static final Logger log = LoggerFactory.getLogger(OwnerIndex.class);

	private final DataSource dataSource;

	/** Asked for so that the engine, and with it the schema, exists first. */
	OwnerIndex(DataSource dataSource, ProcessEngine engine) {
		this.dataSource = dataSource;
	}

	@Override
	public void afterPropertiesSet() throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			String database = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			String sql;
			if (database.contains("postgres")) {
				sql = "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + NAME.toLowerCase(Locale.ROOT)
						+ " ON act_hi_detail (text_) WHERE name_ = 'owner'";
			}
			else if (database.contains("h2")) {
				sql = "CREATE INDEX IF NOT EXISTS " + NAME + " ON ACT_HI_DETAIL (NAME_, TEXT_)";
			}
			else {
				log.info("No index {} on {}: the Cockpit plugin reads owners without it", NAME, database);
				return;
			}
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(true);
			long started = System.nanoTime();
			try (Statement statement = connection.createStatement()) {
				if (database.contains("postgres")) {
					dropWhenInvalid(statement);
				}
				statement.execute(sql);
			}
			catch (SQLException ex) {
				// e.g. the schema belongs to another database user: the plugin works
				// without
				// it, only slower with years of history
				log.warn(
						"Could not create the index {} ({}); the Cockpit plugin reads owners without it, slower "
								+ "with years of history. A database administrator can create it: {}",
						NAME, ex.getMessage(), sql);
				return;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
			long millis = (System.nanoTime() - started) / 1_000_000;
			if (millis > 1000) {
				log.info("Index {} of the accounts' owners in the history built in {} s", NAME, millis / 1000);
			}
		}
	}

	/**
	 * A concurrent build that was interrupted (a node stopped while building) leaves an
	 * invalid index behind, which {@code IF NOT EXISTS} would keep: it is built again.
	 */
	private static void dropWhenInvalid(Statement statement) throws SQLException {
		try (ResultSet rs = statement.executeQuery("SELECT i.indisvalid FROM pg_class c JOIN pg_index i "
				+ "ON i.indexrelid = c.oid WHERE c.relname = '" + NAME.toLowerCase(Locale.ROOT) + "'")) {
			if (!rs.next() || rs.getBoolean(1)) {
				return;
			}
		}
		log.warn("Index {} was left invalid by an interrupted build; building it again", NAME);
		statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + NAME.toLowerCase(Locale.ROOT));
	}

}
