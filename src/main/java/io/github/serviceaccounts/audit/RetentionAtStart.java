package io.github.serviceaccounts.audit;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.lifecycle.LifecycleProcess;

/**
 * Brings history written before {@link AuditRetention} existed (or under another
 * retention) in line, once at every start: a governed account's instances lose their
 * removal time (a request that ended into governance had end + 180 days); a retired
 * account's instances are kept until its retirement plus the retention. Each is one
 * set-removal-time batch; nothing to do, nothing created. Idempotent, so two nodes
 * starting together do no harm.
 */
@Component
class RetentionAtStart {

	private static final Logger log = LoggerFactory.getLogger(RetentionAtStart.class);

	private static final String GOVERNED_WITH_REMOVAL_TIME = """
			SELECT p.ID_ FROM ACT_HI_PROCINST p
			WHERE p.REMOVAL_TIME_ IS NOT NULL AND p.END_TIME_ IS NOT NULL AND p.BUSINESS_KEY_ IN
			  (SELECT e.BUSINESS_KEY_ FROM ACT_RU_EXECUTION e WHERE e.PROC_DEF_KEY_ = ? AND e.PARENT_ID_ IS NULL)""";

	private static final String RETIRED = """
			SELECT r.BUSINESS_KEY_ AS account, r.END_TIME_ AS retired, p.ID_ AS id, p.REMOVAL_TIME_ AS removal
			FROM ACT_HI_PROCINST r JOIN ACT_HI_PROCINST p ON p.BUSINESS_KEY_ = r.BUSINESS_KEY_
			WHERE r.PROC_DEF_KEY_ = ? AND r.END_ACT_ID_ = ?""";

	private final JdbcTemplate jdbc;

	private final HistoryService history;

	private final AuditProperties properties;

	RetentionAtStart(DataSource dataSource, HistoryService history, AuditProperties properties) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.history = history;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void bringInLine() {
		List<String> governed = jdbc.queryForList(GOVERNED_WITH_REMOVAL_TIME, String.class,
				LifecycleProcess.PROCESS_ID);
		if (!governed.isEmpty()) {
			history.setRemovalTimeToHistoricProcessInstances()
				.clearedRemovalTime()
				.byIds(governed.toArray(String[]::new))
				.hierarchical()
				.executeAsync();
			log.info("History retention: {} finished instances of governed accounts had a removal time; cleared",
					governed.size());
		}
		Map<String, Date> due = new HashMap<>();
		Map<String, List<String>> instances = new HashMap<>();
		jdbc.query(RETIRED, rs -> {
			Date until = Date.from(rs.getTimestamp("retired")
				.toInstant()
				.atZone(ZoneOffset.UTC)
				.plus(properties.auditRetention())
				.toInstant());
			Timestamp removal = rs.getTimestamp("removal");
			if (removal == null || removal.toInstant().isBefore(until.toInstant().minusSeconds(86400))) {
				due.put(rs.getString("account"), until);
				instances.computeIfAbsent(rs.getString("account"), account -> new java.util.ArrayList<>())
					.add(rs.getString("id"));
			}
		}, LifecycleProcess.PROCESS_ID, LifecycleProcess.SERVICE_ACCOUNT_RETIRED);
		due.forEach((account, until) -> history.setRemovalTimeToHistoricProcessInstances()
			.absoluteRemovalTime(until)
			.byIds(instances.get(account).toArray(String[]::new))
			.hierarchical()
			.executeAsync());
		if (!due.isEmpty()) {
			log.info("History retention: {} retired accounts are now kept {} after they retired", due.size(),
					properties.auditRetention());
		}
	}

}
