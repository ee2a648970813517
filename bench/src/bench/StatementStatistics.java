package bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * With {@code -Dbench.statements=true} on H2: H2's own statistics of every SQL statement (count, total
 * time, rows) over the side-by-side rounds, written to {@code <label>-statements.tsv} in the work
 * directory, slowest total first. Off by default: recording costs some CPU in both contexts.
 */
final class StatementStatistics {

	private StatementStatistics() {
	}

	static void start(App app) {
		if (!recorded(app)) {
			return;
		}
		JdbcTemplate jdbc = jdbc(app);
		jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 2000");
		jdbc.execute("SET QUERY_STATISTICS TRUE");
	}

	static void write(App app) {
		if (!recorded(app)) {
			return;
		}
		JdbcTemplate jdbc = jdbc(app);
		List<String> lines = new ArrayList<>(List.of("count\ttotal_ms\tmean_ms\trows\tsql"));
		jdbc.query("SELECT EXECUTION_COUNT, CUMULATIVE_EXECUTION_TIME, AVERAGE_EXECUTION_TIME, CUMULATIVE_ROW_COUNT,"
				+ " SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY CUMULATIVE_EXECUTION_TIME DESC",
				(ResultSet rs) -> {
					lines.add(rs.getLong(1) + "\t" + Report.fmt1(rs.getDouble(2)) + "\t"
							+ String.format(Locale.ROOT, "%.3f", rs.getDouble(3)) + "\t" + rs.getLong(4) + "\t"
							+ rs.getString(5).replaceAll("\\s+", " "));
				});
		jdbc.execute("SET QUERY_STATISTICS FALSE");
		Path file = Settings.WORK.resolve(app.label + "-statements.tsv");
		try {
			Files.write(file, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Progress.print("%s: statement statistics of the rounds in %s", app.label, file);
	}

	private static boolean recorded(App app) {
		return Settings.STATEMENTS && app.label.startsWith("h2-");
	}

	private static JdbcTemplate jdbc(App app) {
		return new JdbcTemplate(app.context.getBean(DataSource.class));
	}
}
