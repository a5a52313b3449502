import Foundation

/// The steady state of an agent pool fed by Poisson callers with
/// exponential talk (and exponential patience): the exact birth-death
/// chain of M/M/c/c+K(+M). Patience infinite gives Erlang C (with a
/// waiting room of K), `maxQueue` 0 gives Erlang B. State n is the number
/// of callers present (talking plus waiting); it moves up at the arrival
/// rate and down at min(n, c) / talk + max(n - c, 0) / patience.
public struct AgentQueueSteadyState: Sendable {
  /// Share of callers who must wait (they find every agent busy and room in the queue).
  public let waitProbability: Double
  /// Share of callers refused because the queue is full (Erlang B with K = 0).
  public let queueFullProbability: Double
  /// Share of callers who abandon.
  public let abandonProbability: Double
  /// Mean number of callers present, talking or waiting: the concurrency the pool holds.
  public let meanInSystem: Double
  /// Mean wait of callers who reach an agent (those who did not wait count 0).
  public let meanAnswerWait: Double
  /// Share of callers answered within `within` seconds, for infinite
  /// patience and an unbounded queue (Erlang C); nil otherwise.
  public let serviceLevel: Double?

  public init(
    arrivalsPerSecond lambda: Double, meanTalkSeconds: Double, agents: Int, meanPatienceSeconds: Double?, maxQueue: Int,
    within: Double
  ) {
    let mu = 1 / meanTalkSeconds
    let theta = meanPatienceSeconds.map { 1 / $0 } ?? 0
    let c = agents
    // Waiting room: the queue limit; with no patience and load below the agents, the tail is negligible well before 1000.
    let room = maxQueue
    let top = c + room
    var logWeights = [0.0]
    logWeights.reserveCapacity(top + 1)
    for n in stride(from: 1, through: top, by: 1) {
      let down = Double(min(n, c)) * mu + Double(max(n - c, 0)) * theta
      logWeights.append(logWeights[n - 1] + log(lambda) - log(down))
      // Stop once the weights are negligible (the chain's tail).
      if n > c && logWeights[n] < (logWeights.max() ?? 0) - 60 { break }
    }
    let peak = logWeights.max() ?? 0
    let weights = logWeights.map { exp($0 - peak) }
    let total = weights.reduce(0, +)
    let p = weights.map { $0 / total }
    let last = p.count - 1
    var wait = 0.0
    var inSystem = 0.0
    var queued = 0.0
    for n in p.indices {
      inSystem += Double(n) * p[n]
      if n > c { queued += Double(n - c) * p[n] }
      if n >= c && !(n == last && last == top) { wait += p[n] }
    }
    let full = last == top ? p[top] : 0
    waitProbability = wait
    queueFullProbability = full
    abandonProbability = theta * queued / lambda
    meanInSystem = inSystem
    // A tagged caller who arrives with k - 1 callers waiting ahead (state
    // c + k - 1) moves forward at c mu + (ahead) theta, and abandons at theta.
    var served = 1 - wait - full
    var waitSum = 0.0
    var reach = 1.0
    var elapsed = 0.0
    for k in stride(from: 1, through: max(0, last - c + 1), by: 1) where c + k - 1 < p.count && !(c + k - 1 == top) {
      let forward = Double(c) * mu + Double(k - 1) * theta
      reach *= forward / (forward + theta)
      elapsed += 1 / (forward + theta)
      served += p[c + k - 1] * reach
      waitSum += p[c + k - 1] * reach * elapsed
    }
    meanAnswerWait = served > 0 ? waitSum / served : 0
    if theta == 0 && full < 1e-12 && lambda < Double(c) * mu {
      serviceLevel = 1 - wait * exp(-(Double(c) * mu - lambda) * within)
    } else {
      serviceLevel = nil
    }
  }
}
