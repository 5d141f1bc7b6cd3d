package io.shoal.node.inference;

import io.shoal.observability.metrics.Instruments;
import io.shoal.observability.metrics.MetricNames;
import kamon.metric.Counter;
import kamon.metric.Gauge;
import kamon.metric.Histogram;
import kamon.metric.Timer;

/** The node's inference metrics ({@code shoal.inference.*} of {@link MetricNames}), fed by its workers. */
public final class InferenceMetrics implements InferenceListener {

  private final Timer preprocessTime = Instruments.timer(MetricNames.INFERENCE_PREPROCESS_TIME);
  private final Timer queueTime = Instruments.timer(MetricNames.INFERENCE_QUEUE_TIME);
  private final Timer computeTime = Instruments.timer(MetricNames.INFERENCE_COMPUTE_TIME);
  private final Histogram batchSize = Instruments.histogram(MetricNames.INFERENCE_BATCH_SIZE);
  private final Gauge queueDepth = Instruments.gauge(MetricNames.INFERENCE_QUEUE_DEPTH);
  private final Counter overloaded = Instruments.counter(MetricNames.INFERENCE_OVERLOADED);
  private final Counter expired = Instruments.counter(MetricNames.INFERENCE_EXPIRED);
  private final Counter rejected = Instruments.counter(MetricNames.INFERENCE_REJECTED);
  private final Counter batchesFailed = Instruments.counter(MetricNames.INFERENCE_BATCHES_FAILED);

  @Override
  public void batchCompleted(int size, long runNanos) {
    computeTime.record(runNanos);
    batchSize.record(size);
  }

  @Override
  public void batchFailed(int size, Throwable cause) {
    batchesFailed.increment();
  }

  @Override
  public void overloaded() {
    overloaded.increment();
  }

  @Override
  public void expired() {
    expired.increment();
  }

  @Override
  public void rejected(Throwable cause) {
    rejected.increment();
  }

  @Override
  public void preprocessed(long preprocessNanos) {
    preprocessTime.record(preprocessNanos);
  }

  @Override
  public void queued(long queueNanos) {
    queueTime.record(queueNanos);
  }

  @Override
  public void queueDepthChanged(int delta) {
    queueDepth.increment(delta);
  }
}
