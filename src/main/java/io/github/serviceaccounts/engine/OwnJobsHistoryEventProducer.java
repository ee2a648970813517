package io.github.serviceaccounts.engine;

import java.util.Set;

import org.camunda.bpm.engine.impl.persistence.entity.HistoricJobLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Camunda's history, with one addition: the job log of the product's own jobs that belong
 * to no execution (the hand-off mails) names the request as its root. Camunda takes the
 * root from the job's execution; without one, those rows would never get a removal time,
 * and the history cleanup would keep them forever after the request's own history is
 * gone. The request process calls no other process, so its instance is its root.
 */
class OwnJobsHistoryEventProducer extends CacheAwareHistoryEventProducer {

	private final Set<String> ownJobTypes;

	OwnJobsHistoryEventProducer(Set<String> ownJobTypes) {
		this.ownJobTypes = Set.copyOf(ownJobTypes);
	}

	@Override
	protected void initHistoricJobLogEvent(HistoricJobLogEventEntity event, Job job, HistoryEventType eventType) {
		super.initHistoricJobLogEvent(event, job, eventType);
		if (event.getRootProcessInstanceId() == null && job instanceof JobEntity entity
				&& ownJobTypes.contains(entity.getJobHandlerType())) {
			event.setRootProcessInstanceId(entity.getProcessInstanceId());
		}
	}

}
