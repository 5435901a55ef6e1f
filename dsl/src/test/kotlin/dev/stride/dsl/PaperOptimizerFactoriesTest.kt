package dev.stride.dsl

import dev.stride.bridge.optim.Optimizer
import dev.stride.bridge.train.schedules.Schedule
import dev.stride.optimizers.OptimizerRegistry
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

class PaperOptimizerFactoriesTest {
    private val factories: Map<String, () -> Optimizer> = mapOf(
        "lipschitz-sgd" to ::adaptiveSgd,
        "adamo" to ::adaMo,
        "lipschitz-rmsprop" to ::adaptiveRmsProp,
        "auto-adam" to ::autoAdam,
        "sps" to ::sps,
        "dog" to ::dog,
        "ldog" to ::lDog,
        "dadapt-sgd" to ::dAdaptSgd,
        "dadapt-adam" to ::dAdaptAdam,
        "prodigy" to ::prodigy,
        "cocob" to ::cocob,
        "ps-sps" to ::psSps,
        "ps-da-sgd" to ::psDaSgd,
    )

    @Test
    fun `each factory builds its registered optimizer with the registered defaults`() {
        for ((name, factory) in factories) {
            val ours = factory()
            val registered = OptimizerRegistry.create(name)
            assertThat(ours.javaClass).`as`(name).isEqualTo(registered.javaClass)
            assertThat(ours.name()).`as`(name).isEqualTo(registered.name())
            assertThat(ours.toString()).`as`(name).isEqualTo(registered.toString())
        }
    }

    @Test
    fun `a learning-rate-free optimizer trains under a schedule from the DSL`() {
        sequential { dense(16, activation = relu); dense(3) }.use { model ->
            val history = model.fit(blobs(300, seed = 1)) {
                optimizer = prodigy()
                schedule = Schedule.cosine(80, 0.0)
                loss = softmaxCrossEntropy()
                epochs = 10
                batchSize = 32
                metrics(accuracy)
                seed = 2
                verbose = false
            }
            // Prodigy's rate is γ_k·d·(bias correction): the cosine schedule holds it at 0 from step 80 on.
            val lr = history.get("lr")
            assertThat(lr.last()).`as`("lr %s", lr.toList()).isEqualTo(0.0)
            assertThat(history.last().get("accuracy")).isGreaterThan(0.9)
        }
    }
}
