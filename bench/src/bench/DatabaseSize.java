package bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * What the database weighs: PostgreSQL's own figure for the database and its largest tables (indexes and
 * TOAST included), or on H2 the pages of every table and its indexes ({@code DISK_SPACE_USED}).
 */
record DatabaseSize(long bytes, List<String> largest) {

	static DatabaseSize of(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			if (isPostgres(connection)) {
				long bytes;
				try (ResultSet rs = statement.executeQuery("SELECT pg_database_size(current_database())")) {
					rs.next();
					bytes = rs.getLong(1);
				}
				List<String> largest = new ArrayList<>();
				try (ResultSet rs = statement.executeQuery("SELECT relname, pg_total_relation_size(oid) AS b, "
						+ "reltuples::bigint FROM pg_class WHERE relkind = 'r' AND relname LIKE 'act_%' "
						+ "ORDER BY b DESC LIMIT 6")) {
					while (rs.next()) {
						largest.add(String.format("%s %.0f MB (about %d rows, the planner's estimate)", rs.getString(1),
								rs.getLong(2) / 1048576.0,
								rs.getLong(3)));
					}
				}
				return new DatabaseSize(bytes, largest);
			}
			// H2's file keeps old chunks for a while after large transactions; the tables' own pages
			// tell what the data weighs
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
					+ "WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
			long bytes = 0;
			List<long[]> sizes = new ArrayList<>();
			for (String table : tables) {
				try (ResultSet rs = statement.executeQuery(
						"SELECT DISK_SPACE_USED('" + table + "'), (SELECT COUNT(*) FROM " + table + ")")) {
					rs.next();
					bytes += rs.getLong(1);
					sizes.add(new long[] { tables.indexOf(table), rs.getLong(1), rs.getLong(2) });
				}
			}
			sizes.sort((a, b) -> Long.compare(b[1], a[1]));
			List<String> largest = new ArrayList<>();
			for (long[] size : sizes.subList(0, Math.min(6, sizes.size()))) {
				largest.add(String.format("%s %.0f MB (%d rows)", tables.get((int) size[0]), size[1] / 1048576.0,
						size[2]));
			}
			return new DatabaseSize(bytes, largest);
		}
	}

	/** Fresh planner statistics, as autovacuum (PostgreSQL) would have them after the rows came. */
	static void analyze(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(isPostgres(connection) ? "VACUUM ANALYZE" : "ANALYZE");
		}
	}

	private static boolean isPostgres(Connection connection) throws SQLException {
		return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
	}

	@Override
	public String toString() {
		return String.format("%.1f MB", bytes / 1048576.0);
	}

}
