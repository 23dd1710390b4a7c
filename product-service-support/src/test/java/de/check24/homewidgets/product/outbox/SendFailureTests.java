package de.check24.homewidgets.product.outbox;

import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.KafkaException;

import static org.assertj.core.api.Assertions.assertThat;

class SendFailureTests {

	@Test
	void aBrokerThatIsAwayIsNoReasonToPark() {
		assertThat(kindOf(new ExecutionException(new TimeoutException("Topic not present in metadata"))))
			.isEqualTo(SendFailure.Kind.BROKER_UNAVAILABLE);
		assertThat(kindOf(new java.util.concurrent.TimeoutException())).isEqualTo(SendFailure.Kind.BROKER_UNAVAILABLE);
		assertThat(kindOf(new ExecutionException(new NotEnoughReplicasException("isr"))))
			.isEqualTo(SendFailure.Kind.BROKER_UNAVAILABLE);
		assertThat(kindOf(new ExecutionException(new TopicAuthorizationException("acl"))))
			.isEqualTo(SendFailure.Kind.BROKER_UNAVAILABLE);
	}

	@Test
	void aRecordKafkaRefusesForGoodIsParked() {
		assertThat(kindOf(new ExecutionException(
				new KafkaException("Send failed", new RecordTooLargeException("The message is 2000000 bytes")))))
			.isEqualTo(SendFailure.Kind.MESSAGE_REFUSED);
		assertThat(kindOf(new KafkaException("Send failed", new SerializationException("bad"))))
			.isEqualTo(SendFailure.Kind.MESSAGE_REFUSED);
	}

	@Test
	void aBrokerThatForgotTheProducerNeedsAFreshProducer() {
		assertThat(kindOf(new ExecutionException(new OutOfOrderSequenceException("seq"))))
			.isEqualTo(SendFailure.Kind.PRODUCER_STALE);
	}

	@Test
	void anythingElseIsRetriedAndParkedAfterTheLimit() {
		assertThat(kindOf(new IllegalStateException("bug"))).isEqualTo(SendFailure.Kind.UNEXPECTED);
	}

	private static SendFailure.Kind kindOf(Throwable failure) {
		return SendFailure.of(failure).kind();
	}

}
