package io.github.serviceaccounts.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The product's index of owners in the history: made once, found the next time, and a
 * database user that may not make it gets a warning with the statement, not a failed
 * start. (On PostgreSQL, {@code ServiceAccountsPluginPostgresTests} finds it valid.)
 */
@ExtendWith(OutputCaptureExtension.class)
class OwnerIndexTests {

	JdbcDataSource owner;

	JdbcDataSource reader;

	@BeforeEach
	void aHistoryTableAndAUserWhoMayOnlyReadIt() {
		String url = "jdbc:h2:mem:owner-index-" + System.nanoTime();
		owner = dataSource(url + ";DB_CLOSE_DELAY=-1", "sa");
		JdbcTemplate jdbc = new JdbcTemplate(owner);
		jdbc.execute("CREATE TABLE ACT_HI_DETAIL (ID_ VARCHAR(64) PRIMARY KEY, NAME_ VARCHAR(255), "
				+ "TEXT_ VARCHAR(4000), PROC_INST_ID_ VARCHAR(64))");
		jdbc.execute("CREATE USER READER PASSWORD 'reader'");
		jdbc.execute("GRANT SELECT ON ACT_HI_DETAIL TO READER");
		reader = dataSource(url, "READER");
		reader.setPassword("reader");
	}

	@Test
	void theIndexIsMadeOnceAndFoundTheNextTime() throws Exception {
		new OwnerIndex(owner, null).afterPropertiesSet();
		new OwnerIndex(owner, null).afterPropertiesSet();

		assertThat(new JdbcTemplate(owner).queryForObject(
				"SELECT COUNT(DISTINCT INDEX_NAME) FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE INDEX_NAME = ?",
				Long.class, OwnerIndex.NAME))
			.isEqualTo(1);
	}

	@Test
	void aUserWhoMayNotMakeItStartsAllTheSameAndIsToldTheStatement(CapturedOutput output) throws Exception {
		new OwnerIndex(reader, null).afterPropertiesSet();

		assertThat(output).contains("Could not create the index " + OwnerIndex.NAME)
			.contains("A database administrator can create it: CREATE INDEX IF NOT EXISTS " + OwnerIndex.NAME
					+ " ON ACT_HI_DETAIL (NAME_, TEXT_)");
	}

	private static JdbcDataSource dataSource(String url, String user) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL(url);
		dataSource.setUser(user);
		return dataSource;
	}

}
