import Foundation

/// Reports in Japanese, in the vocabulary of Twilio's Japanese
/// documentation: 同時通話, 発信, 着信, 転送, 一時利用停止, CPS. Counts of calls
/// read `1,234件`, durations `18分30秒`, `1時間02分`, intervals
/// `31.7分（30.2〜33.1分）`; the rounding is ``Readable``'s, as in English.
public struct Japanese: Catalogue {
  public init() {}

  // MARK: Numbers and lists

  public var units: Readable.Units {
    Readable.Units(
      symbols: ["ミリ秒", "秒", "分", "時間", "日"], space: "", notAvailable: "該当なし", unbounded: "上限なし", open: "（", to: "〜",
      close: "）")
  }

  public var sentenceSpace: String { "" }
  public var fullStop: String { "。" }
  public func list(_ items: [String]) -> String { items.joined(separator: "、") }
  public func sentences(_ sentences: [String]) -> String { sentences.joined() }
  public func clauses(_ clauses: [String]) -> String { clauses.joined(separator: "；") }

  public func rate(_ perSecond: Double) -> String {
    if perSecond >= 1 { return "\(Format.decimal(perSecond, digits: 3))件/秒" }
    if perSecond * 60 >= 1 { return "\(Format.decimal(perSecond * 60, digits: 3))件/分" }
    return "\(Format.decimal(perSecond * 3600, digits: 3))件/時"
  }

  public func replications(_ interval: BinomialInterval, level: DecisionLevel) -> String {
    let counted = "\(Readable.count(interval.trials))回の反復中\(Readable.count(interval.events))回"
    let name = level.perLook
    if interval.events == 0 { return counted + "、\(name)上限 \(Format.percent(interval.oneSidedUpper(level)))" }
    if interval.events == interval.trials { return counted + "、\(name)下限 \(Format.percent(interval.oneSidedLower(level)))" }
    guard level == .single else {
      return counted
        + "（\(Format.percent(interval.share))、\(name)の範囲 \(Format.percent(interval.oneSidedLower(level)))〜\(Format.percent(interval.oneSidedUpper(level)))）"
    }
    return counted + "（\(Format.percent(interval.share))、95%区間 \(Format.percent(interval.lower95))〜\(Format.percent(interval.upper95))）"
  }

  public func confidence(_ level: DecisionLevel) -> String {
    level.looks == 1 ? "95%の信頼度" : "計画の\(level.looks)回の判定全体で95%の信頼度（各回\(level.perLook)）"
  }

  public func category(_ category: ConcurrencyCategory) -> String {
    switch category {
    case .inbound: "着信"
    case .outbound: "発信"
    case .forwarded: "転送"
    case .total: "合計"
    }
  }

  public func trafficType(_ type: TrafficType) -> String { category(type.category) }

  /// A category in Japanese; gates, classes and pools as scenarios and CSV files write them.
  public func scope(_ scope: Scope) -> String {
    if case .category(let category) = scope { return self.category(category) }
    return scope.description
  }
  public func gate(_ gate: Gate) -> String { gate == .none ? "なし" : gate.description }

  /// The scenario's own spelling in a code span; a sample file and a cap in words.
  public func distribution(_ spec: DistributionSpec) -> String {
    let capped = spec.cap.map { "（上限`\(Quantity.humanDuration($0))`）" } ?? ""
    if case .empirical(let file, let samples) = spec.shape {
      return "経験分布（`\(file)`、\(Readable.count(samples.count))件の標本）" + capped
    }
    return "`\(DistributionSpec(spec.shape).humanDescription)`" + capped
  }

  public func gateNoun(_ gate: Scope) -> String {
    switch gate {
    case .api: "APIゲート"
    case .trunkPool: "トランクプール"
    case .trunk(let name): "トランク \(name)"
    default: gate.description
    }
  }

  public func gateName(_ gate: String) -> String {
    switch gate {
    case "api": "API"
    case "trunk-pool": "プール"
    default: gate.hasPrefix("trunk:") ? String(gate.dropFirst(6)) : gate
    }
  }

  public func settingLabel(_ setting: GateSetting) -> String {
    if setting.entries.count == 1 { return setting.label }
    return setting.entries.map { "\(gateName($0.gate)) \(Quantity.shortest($0.cps)) CPS" }.joined(separator: "、")
  }

  public func label(_ outcome: TierOutcome) -> String { outcome.setting.map(settingLabel) ?? configured }
  public var yes: String { "はい" }
  public var no: String { "いいえ" }
  public func line(_ number: Int) -> String { "\(number)行目" }

  /// `Twilio sales` as Japanese says it: `Twilioの営業担当`.
  func salesName(_ sales: String) -> String {
    sales.hasSuffix(" sales") ? String(sales.dropLast(6)) + "の営業担当" : sales
  }

  // MARK: Objectives

  private func scopeName(_ scope: Scope) -> String { scope == .api ? "API" : scope.description }

  public func objectiveName(_ check: ObjectiveCheck) -> String {
    switch check.objective {
    case .queueWaitP95(let scope): "\(scopeName(scope))の待ち時間"
    case .rejected: "拒否率"
    case .suspensionRisk: "一時利用停止リスク"
    case .serviceLevel(let scope): "\(scope)のサービスレベル"
    case .abandoned(let scope): "\(scope)の放棄率"
    case .answerWaitP95(let scope): "\(scope)の応答待ち時間"
    case .atMost(let metric, let scope):
      "\(scopeName(scope))の"
        + {
          switch metric {
          case .queueWaitMax: "最大待ち時間"
          case .rejectedRate: "拒否率"
          case .dialerWaitP95: "ダイヤラー待ち時間（95パーセンタイル）"
          case .dialerWaitMax: "ダイヤラーの最大待ち時間"
          default: metric.rawValue
          }
        }()
    case .late(let scope, _): "\(scope)の遅延"
    }
  }

  private func readable(_ check: ObjectiveCheck, _ value: Double) -> String {
    check.isDuration ? Readable.duration(value, units: units) : Readable.percent(value)
  }

  public func measured(_ check: ObjectiveCheck) -> String {
    if let breaches = check.breaches { return replications(breaches, level: check.level) }
    let value = readable(check, check.measured)
    guard let low = check.low, let high = check.high, readable(check, low) != readable(check, high) else { return value }
    guard check.isDuration else { return "\(value)（\(check.level.perLook)信頼区間 \(readable(check, low))〜\(readable(check, high))）" }
    let unit = Readable.DurationUnit(forAll: [check.measured, low, high])
    let (lowText, highText) = (Readable.estimate(low / unit.seconds), Readable.estimate(high / unit.seconds))
    return
      "\(Readable.duration(check.measured, in: unit, units: units))（\(check.level.perLook)信頼区間 \(lowText)〜\(highText)\(units.symbol(unit))）"
  }

  public func limitText(_ check: ObjectiveCheck) -> String { readable(check, check.limit) }

  public func explanation(_ check: ObjectiveCheck) -> String {
    let figure = measured(check)
    let subject: String =
      switch check.objective {
      case .queueWaitP95(let scope): "\(scopeName(scope))の待ち時間（95パーセンタイル）\(figure)"
      case .rejected: "拒否率 \(figure)"
      case .suspensionRisk: "一時利用停止リスク \(figure)"
      case .serviceLevel(let scope): "\(scope)のサービスレベル \(figure)"
      case .abandoned(let scope): "\(scope)の放棄率 \(figure)"
      case .answerWaitP95(let scope): "\(scope)の応答待ち時間（95パーセンタイル）\(figure)"
      case .atMost: "\(objectiveName(check)) \(figure)"
      case .late(let scope, let share): "\(scope)の締め切り超過（遅延が\(Format.percent(share))超）\(figure)"
      }
    let limit = limitText(check)
    switch check.outcome {
    case .meets: return "\(subject) \(check.objective.isMinimum ? ">=" : "<=") \(limit)"
    case .fails: return "\(subject) \(check.objective.isMinimum ? "<" : ">") \(limit)"
    case .undecided: return "\(subject)、\(limit)に対して未確定"
    }
  }

  public func explanations(_ texts: [String]) -> String { texts.joined(separator: "；") }
  public var p95WaitSubject: String { "APIキュー待ち時間の95パーセンタイル" }
  public var refusedSubject: String { "拒否率" }

  public func objectiveFails(_ subject: String, limit: String, minimum: Bool) -> String {
    "\(subject)が目標の\(limit)を\(minimum ? "下回ります" : "超えます")"
  }

  public func objectiveUndecided(_ subject: String, limit: String, replications: Int, measured: String) -> String {
    "\(subject)が目標の\(limit)に収まるかは\(Readable.count(replications))回の反復では未確定です（\(measured)）"
  }

  // MARK: Report sections

  public func reportTitle(plan: Bool, name: String) -> String { "callcap \(plan ? "計画" : "レポート")：\(name)" }
  public var verdictHeading: String { "結論" }
  public var staffingHeading: String { "要員配置" }

  public func detailHeading(_ recommended: (label: String, joint: Bool)?) -> String {
    recommended.map { "推奨の\($0.joint ? "組み合わせ" : "ティア")（\($0.label)）での結果" } ?? "設定値のCPSでの結果"
  }

  public func detailShows(_ shown: DetailShown) -> String {
    let what =
      switch shown {
      case .noGate: "設定どおりのアカウント（CPSゲートを通るトラフィックはありません）"
      case .recommended: "推奨ティア"
      case .undecided: "設定値のCPS（推奨ティアがまだないため）"
      case .noneMeets: "設定値のCPS（すべての目標を満たすティアがないため）"
      }
    return "以下の各節は\(what)の結果です。"
  }

  public func apiWaits(configured: Bool, cps: String, pacing: String, mean: String, p95: String, max: String) -> String {
    "\(configured ? "設定値の" : "")APIレート\(cps) CPS（`\(pacing)`ペーシング）では、API発信の待ち時間は平均\(mean)、"
      + "95パーセンタイルで\(p95)、最長で\(max)です。"
  }

  public func apiQueueOverflows(error: String, calls: String) -> String {
    "APIキューがあふれ（\(error)）、反復あたり\(calls)件の発信が拒否されます"
  }

  public func trunkRefuses(trunk: String, cps: String, limiter: String, share: String) -> String {
    "トランク \(trunk)（\(cps) CPS、`\(limiter)`）は、最終的に通話の\(share)を拒否します。"
  }

  public func trunkPoolRefuses(cps: String, limiter: String, share: String) -> String {
    "トランクプール（全トランク共有の\(cps) CPS、`\(limiter)`）は、各トランクを通過した通話の\(share)を最終的に拒否します。"
  }

  public func overallRefused(_ share: String) -> String { "全体では、発生した通話の\(share)が拒否されます。" }

  public func peakAgainstThreshold(
    _ category: ConcurrencyCategory, peak: String, threshold: Int, reached: Bool, replications: String
  ) -> String {
    "\(self.category(category))の同時通話数のピークは\(peak)で、一時利用停止のしきい値\(threshold)に対し、"
      + (reached ? "\(replications)で到達しました。" : "到達した反復はありません（\(replications)）。")
  }

  public func thresholdReachedRisk(_ category: ConcurrencyCategory, threshold: Int, sales: String) -> String {
    "\(self.category(category))の同時通話数が一時利用停止のしきい値\(threshold)に達します（開始前に\(salesName(sales))へ連絡してください）"
  }

  public func thresholdNearRisk(_ category: ConcurrencyCategory, headroom: String, threshold: Int) -> String {
    "\(self.category(category))のピークがしきい値\(threshold)まで\(headroom)以内に迫ります"
  }

  public func risks(_ risks: [String]) -> String {
    risks.isEmpty ? "目標やしきい値に関するリスクはありません。" : "リスク：" + risks.joined(separator: "；") + "。"
  }

  public var agentsHeading: String { "オペレーター" }

  public func agentsIntro(within: String) -> String {
    "オペレーターを待つ発信者は通話中として数え、そのカテゴリのしきい値に含まれます。"
      + "サービスレベル：\(within)以内にオペレーターにつながった発信者の割合（放棄した発信者は、その時間内に切った場合を除き未達として数えます）。"
  }

  public func meansAcross(_ replications: Int) -> String { "\(Readable.count(replications))回の反復の平均と95%信頼区間です。" }
  public func agentCount(_ count: Int) -> String { "\(Readable.count(count))人" }
  public func agentRange(_ low: Int, _ high: Int, every: String) -> String { "\(low)〜\(high)人（\(every)ごとに変更）" }
  public func poolHeading(_ pool: String) -> String { "プール \(pool)" }

  public func poolLine(staffing: String, endpoint: String, wrapUp: String?) -> String {
    "\(staffing)、エンドポイント`\(endpoint)`" + (wrapUp.map { "、後処理`\($0)`" } ?? "") + "。"
  }

  public var metricTableHeader: String { "| 指標 | 値 |\n|---|---|\n" }
  public var waitsHeading: String { "キュー待ち時間" }
  public func waitsIntro(cps: String, pacing: String) -> String { "APIゲート、\(cps) CPS、`\(pacing)`ペーシング。" }
  public var rejectionsHeading: String { "拒否" }

  public func rejectionsColumns(trunkCPS: String, queueFull: String, accountCap: String) -> [String] {
    ["スコープ", "発生", "拒否：再試行後の\(trunkCPS)", "再試行", "キュー満杯（\(queueFull)）", "同時通話の上限（\(accountCap)）", "拒否率"]
  }

  public var countsAreMeans: String { "件数は反復あたりの平均です。" }

  public func trunkPoolCounts(error: String) -> String {
    "各トランクは自身の\(error)拒否を数えます。trunk-poolは各トランクを通過した通話とプールによる拒否を数え、合計にはそれも含まれます。"
  }

  public var concurrencyHeading: String { "しきい値に対する同時通話数" }

  public func countedFrom(ringing: Bool) -> String {
    "同時通話数は、\(ringing ? "呼び出しの開始" : "応答")から通話の終了までを数えています。"
  }

  public var concurrencyColumns: [String] { ["カテゴリ", "しきい値", "ピーク", "最高ピーク", "平均", "しきい値以上の時間", "到達した反復"] }
  public var trafficHeading: String { "トラフィック" }
  public var trafficColumns: [String] { ["トラフィック", "種別", "ゲート", "到着", "通話時間", "発生", "完了", "不応答", "拒否率"] }
  public var neverConnectedColumn: String { "未接続" }

  public var neverConnectedNote: String {
    "未接続の通話は番号に到達できなかったもの（または発信者番号から宛先に到達できなかったもの。警告を参照）で、"
      + "アカウントには発生せず、どの指標にも含まれません。"
  }

  public func poissonArrivals(_ rate: String) -> String { "ポアソン \(rate)" }
  public func profileArrivals(segments: Int, peak: String) -> String { "\(segments)区間のプロファイル、ピーク\(peak)" }

  public func burstArrivals(count: String, at: String, over: String?) -> String {
    "\(at)に\(count)件を一斉発生" + (over.map { "（\($0)かけて）" } ?? "")
  }

  public func everyArrivals(_ interval: String) -> String { "\(interval)ごと" }
  public var warningsHeading: String { "検証の警告" }
  public var chartsHeading: String { "グラフ" }
  public var methodHeading: String { "方法" }

  public func methodRun(
    path: String, seed: UInt64, replications: Int, plan: Bool, horizon: String, warmUp: String, start: String, resolution: String
  ) -> String {
    "シナリオ：\(path)、シード\(seed)、\(Readable.count(replications))回の反復"
      + (plan ? "（表示した設定のもの。各設定の回数はティアの表を参照）" : "")
      + "、期間\(horizon)、ウォームアップ\(warmUp)、開始\(start)、時系列の間隔\(resolution)。"
  }

  public func methodApi(cps: String, pacing: String, provider: String, queueLimit: String) -> String {
    "APIゲート：\(cps) CPS、`\(pacing)`ペーシング、先着順（仮定：\(provider)は順序を公開していません）、キューの上限は\(queueLimit)分の処理量。"
  }

  public func methodTrunk(
    _ trunk: String, limiter: String, cps: String, burst: String?, retry: (error: String, attempts: Int, delay: String)?
  ) -> String {
    var line = "トランク \(trunk)：\(cps) CPSの`\(limiter)`リミッター"
    if let burst { line += "、バースト\(burst)" }
    if let retry { line += "、\(retry.error)後の再試行\(retry.attempts)回、間隔`\(retry.delay)`" }
    return line + "。プラットフォームのアルゴリズムは公開されていないため、これはモデルです。"
  }

  public func methodTrunkPool(limiter: String, cps: String, burst: String?, error: String) -> String {
    "トランクプール：全トランク共有の\(cps) CPSの`\(limiter)`リミッター（各トランク自身のリミッターの後で判定）"
      + (burst.map { "、バースト\($0)" } ?? "")
      + "。プールが拒否した試行は\(error)となって発信されず（トランクの枠もプールの枠も使いません）、各トランクの`retry`に従って再試行されます。"
      + "トランクと同じくモデルです。"
  }

  public func methodTiers(
    tiers: String, gates: [String], confidence: String, suspensionRisk: String, looks: String, lookCount: Int
  ) -> String {
    "ティア\(tiers) CPSを、それぞれ\(gates.joined(separator: "と"))に適用（`burst`のないトークンバケットはティアに比例）。"
      + "各ティアと設定値のCPSは共通乱数で同じ反復を実行しました（反復を追加したティアは同じ番号から続けます）。"
      + "各目標は\(confidence)で判定します：区間が上限以下なら達成、上回れば未達、それ以外は未確定です。"
      + "一時利用停止リスク（しきい値からヘッドルームを引いた値に達した反復の割合）は、片側のClopper-Pearson限界で"
      + "`suspension_risk`（\(suspensionRisk)）と比べます。"
      + "`plan`は推奨が依存する未確定のティアに反復を追加し、あらかじめ決めた\(looks)回の時点でのみ判定します"
      + (lookCount == 1 ? "。" : "。各判定は5%/\(lookCount)で行い、すべての判定を通じて誤った結論の確率を5%以内に抑えます。")
  }

  public func methodAccount(profile: String, inbound: Int, outbound: Int, forwarded: Int, callLimit: String) -> String {
    "アカウントのプロファイル`\(profile)`、しきい値は着信\(inbound)・発信\(outbound)・転送\(forwarded)、通話は\(callLimit)で切断。"
  }

  public var methodFixed: [String] {
    [
      "到着は期間の終わりで止まり、それまでに発生した通話は終了まで追跡します。件数と待ち時間はウォームアップ後に発生した通話を、"
        + "同時通話数は［ウォームアップ、期間の終わり）を対象とします。",
      "区間は反復にわたる95%のStudent t区間で、量の範囲に収めています（割合は0〜100%、件数と時間は0以上）。"
        + "反復の割合には正確な二項（Clopper-Pearson）限界を使います。待ち時間のパーセンタイルはHdrHistogram（有効数字3桁）によります。",
    ]
  }

  public func methodVersions(callcap: String, gsl: String, generator: String) -> String {
    "callcap \(callcap)、GNU GSL \(gsl)（シード、反復、ストリーム名から状態を決める\(generator)ストリーム）。"
  }

  // MARK: The plan's verdict

  public func purchase(_ gate: Scope, cps: String, stays: Bool) -> String {
    let noun = gate == .api ? "API" : gateNoun(gate)
    return stays ? "\(noun)は\(cps) CPSのまま" : "\(noun) \(cps) CPS"
  }

  public func cost(_ amount: String, unitPrices: Bool) -> String {
    unitPrices ? "合計\(amount) CPS" : "シナリオの`price_per_cps`で月額\(amount)"
  }

  public func buyJoint(_ purchase: String, cost: String) -> String { "**\(purchase)を購入してください**（\(cost)）。" }
  public func buyTier(_ label: String, gates: String) -> String { "**\(gates)に\(label)を購入してください。**" }

  public func salesNeeded(_ setting: GateSetting, _ scenario: Scenario) -> [String] {
    let platform = scenario.platform
    let sales = salesName(platform.sales)
    var reasons: [String] = []
    for (gate, entry) in zip(setting.gates, setting.entries) {
      let cps = Quantity.shortest(entry.cps)
      switch gate {
      case .api where !platform.selfServe.api.contains(entry.cps):
        reasons.append("API \(cps) CPS：\(Quantity.shortest(platform.selfServe.api.upperBound)) CPSを超えるAPIのCPSは\(sales)のみが付与します")
      case .trunk(let name) where !platform.selfServe.trunk.contains(entry.cps):
        reasons.append(
          "トランク \(name) \(cps) CPS：\(Quantity.shortest(platform.selfServe.trunk.upperBound)) CPSを超えるトランクのCPSは\(sales)のみが付与します")
      case .trunkPool where entry.cps > (scenario.account.trunkPool?.cps ?? 0):
        reasons.append("トランクプール \(cps) CPS：プールのCPSは\(sales)との取り決めになります")
      default: break
      }
    }
    return reasons
  }

  public func salesReasons(_ plan: CapacityPlan) -> [String] {
    var reasons = plan.recommended?.setting.map { salesNeeded($0, plan.scenario) } ?? []
    for reach in (plan.recommended ?? plan.configured).reach.categories where reach.reachedThreshold.events > 0 {
      reasons.append(
        "\(category(reach.category))の同時通話数が\(replications(reach.reachedThreshold, level: plan.level))で"
          + "一時利用停止のしきい値\(reach.threshold)に達します。ガイドは事前に営業担当へ連絡するよう求めています")
    }
    return reasons
  }

  public func howToBuy(provider: String, sales: String, reasons: [String]) -> String {
    reasons.isEmpty
      ? "\(provider)のコンソールからセルフサービスで設定できます。" : "\(salesName(sales))への依頼が必要です：\(reasons.joined(separator: "；"))。"
  }

  private func smallest(_ joint: Bool) -> String { joint ? "最も安い候補の組み合わせ" : "最小の候補ティア" }
  public func noObjectiveSmallest(joint: Bool) -> String { "目標が設定されていないため、単に\(smallest(joint))です。" }

  public func smallestMeeting(joint: Bool, confidence: String, _ explanation: String) -> String {
    "\(confidence)ですべての目標を満たす\(smallest(joint))です：\(explanation)。"
  }

  public func optionWithReasons(_ label: String, _ explanation: String) -> String { "\(label)（\(explanation)）" }

  public func cheaperCombinationsFail(_ shown: [String], more: Int) -> String {
    "より安い組み合わせは未達です：\(shown.joined(separator: "；"))"
      + (more > 0 ? "；さらに安い\(more)件も未達です（tiers.csvに一覧があります）。" : "。")
  }

  public func atLowerTier(_ label: String, _ explanation: String) -> String { "\(label)では：\(explanation)。" }
  public var undecidedLead: String { "**未確定。**" }

  public func undecidedButSafe(_ label: String, confidence: String, _ explanation: String, joint: Bool) -> String {
    "\(label)は\(confidence)ですべての目標を満たします（\(explanation)）が、"
      + "より\(joint ? "安い組み合わせ" : "小さいティア")で足りるかは決まっていません："
  }

  public func undecidedUnsimulated(_ count: Int) -> String {
    "シミュレーションした組み合わせはすべて未達ですが、より高い\(count)件はシミュレーションしていません（実行が中断されました）"
  }

  public func undecidedNone(joint: Bool) -> String {
    let candidate = joint ? "組み合わせ" : "ティア"
    return "すべての目標を満たすと示された候補の\(candidate)はなく、すべての\(candidate)が未達とも示されていません："
  }

  public func undecidedBlocking(_ label: String, _ explanation: String, others: Int, othersReplications: Int, joint: Bool) -> String {
    var text = "\(label)では\(explanation)"
    if others > 0 {
      text +=
        "；より高い\(joint ? "組み合わせ" : "ティア")\(others)件も（\(othersReplications)回の反復後）未確定で、"
        + "\(label)が未確定の間はそれ以上シミュレーションしません"
    }
    return text + "。"
  }

  public func noneMeetsLead(joint: Bool) -> String { "**すべての目標を満たす候補の\(joint ? "組み合わせ" : "ティア")はありません。**" }

  private var noGateContext: String {
    "CPSゲート（APIまたはトランク）を通るトラフィックがないため、購入するCPSはなく、ティアは結果を変えません"
  }

  public func noGateMeets(_ explanation: String?) -> String {
    "**購入するCPSはありません。すべての目標を満たしています。**\(noGateContext)" + (explanation.map { "：\($0)。" } ?? "。")
  }

  public func noGateFails(_ names: [String], _ explanation: String) -> String {
    "**購入するCPSはありませんが、\(names.joined(separator: "と"))が未達です。**\(noGateContext)：\(explanation)。"
  }

  public func noGateUndecided(_ names: [String], _ explanation: String) -> String {
    "**購入するCPSはありません。\(names.joined(separator: "と"))は未確定です。**\(noGateContext)：\(explanation)。"
  }

  public var onlyPoolObjectivesFail: String {
    "未達なのはオペレーターのプールの目標だけです。CPSではなく、オペレーターの増員で解決します（上の要員配置を参照）。"
  }

  public func contactSales(_ sales: String, reasons: [String], remedies: Bool) -> String {
    "開始前に\(salesName(sales))へ連絡してください"
      + (reasons.isEmpty
        ? (remedies ? "（上記の変更がいずれもできない場合）。" : "。callcapはシナリオの変更による解決策を見つけられません。")
        : "：" + reasons.joined(separator: "；") + "。")
  }

  public var whatWouldFixIt: String { "解決策：" }

  public func settle(after counts: String, budget: Int, needed: String?, looser: [(objective: String, more: Bool)]) -> String {
    var text = "\(counts)回の反復の後（`simulation.max_replications`は\(budget)）、"
    text += needed.map { "約\($0)回の反復で決着します" } ?? "反復を増やせば決着します"
    if !looser.isEmpty {
      text += "。あるいは目標を緩めます（\(looser.map { "\($0.objective)\($0.more ? "以上" : "以下")" }.joined(separator: "、"))）"
    }
    return text + "。それまでは目標を満たすとは報告しません。"
  }

  public func higherTiersFail(_ label: String, _ explanation: String, more: Int, concurrency: Bool) -> String {
    var text = "上位のティアほど安全というわけではありません：\(label)では\(explanation)"
    if more > 0 { text += "（さらに上の\(more)ティアも未達）" }
    text += "。"
    if concurrency { text += "CPSが高いほどキューは早く捌けますが、その分多くの通話が同時に呼び出し・通話します。" }
    return text
  }

  public func combinationsSimulated(_ count: Int) -> String { "\(Readable.count(count))件の組み合わせをシミュレーション" }

  public func failGroup(_ span: String, single: Bool, failed: Bool, on names: [String]) -> String {
    "\(span)は\(names.joined(separator: "と"))で\(failed ? "未達" : "未確定")"
  }

  public func reachesThreshold(_ category: ConcurrencyCategory, threshold: Int, _ replications: String, sales: String) -> String {
    "\(self.category(category))の同時通話数が\(replications)で一時利用停止のしきい値\(threshold)に達します"
      + "（ガイドは事前に\(salesName(sales))へ連絡するよう求めています）"
  }

  public func reachesLimit(_ category: ConcurrencyCategory, limit: String, threshold: Int, _ replications: String) -> String {
    "\(self.category(category))のピークが\(replications)で\(limit)（しきい値\(threshold)からヘッドルームを引いた値）に達します"
  }

  public func condition(_ index: Int, _ condition: UpgradeEligibility.Condition, _ platform: PlatformRules)
    -> (name: String, requirement: String, measured: String)
  {
    let rules = platform.trunkUpgrade
    switch index {
    case 0:
      return ("平均通話時間", "\(Format.decimal(rules.meanDurationAboveSeconds))秒超", Readable.duration(condition.value, units: units))
    case 1:
      return ("\(Format.decimal(rules.shortCallSeconds))秒以下の通話", "\(Format.percent(rules.shortCallShareAtMost))以下", condition.measured)
    default:
      return ("応答率", "\(Format.percent(rules.answerSeizureRatioAbove))超", condition.measured)
    }
  }

  public func failingCondition(_ words: (name: String, requirement: String, measured: String)) -> String {
    "\(words.name) \(words.measured)（条件：\(words.requirement)）"
  }

  public func upgradeMayBeRefused(provider: String, trunk: String, _ failing: [String]) -> String {
    "\(provider)がトランク \(trunk)のCPS引き上げを断る可能性があります：\(failing.joined(separator: "、"))"
  }

  public func remainingRisks(_ risks: [String]) -> String { "残るリスク：" + risks.joined(separator: "；") + "。" }
  public func noRisksFound(replications: Int) -> String { "残るリスク：\(Readable.count(replications))回の反復では見つかりませんでした。" }

  public func noReplicationReached(headroom: String?, _ replications: String) -> String {
    let reached = headroom.map { "まで\($0)以内に迫った" } ?? "に達した"
    return "残るリスク：見つかりませんでした。一時利用停止のしきい値\(reached)反復はありません（\(replications)）。"
  }

  public var headroomNotSearched: String {
    "**ヘッドルーム**は、反復を追加しない計画（`max_replications`が`replications`と等しい計画。シャード実行など）では探索しません。"
      + "`callcap headroom`でトラフィックがどこまで伸ばせるかを調べられます。"
  }

  /// What breaks first, named for a sentence: `発信のしきい値`, `APIの待ち時間の目標`.
  private func breakingName(_ headroom: Headroom) -> String? {
    guard let point = headroom.breakingPoint, !headroom.breaking.isEmpty else { return nil }
    return headroom.breaking.map { check in
      switch check.objective {
      case .suspensionRisk:
        let top = point.outcome.reach.categories.max { $0.reached.events < $1.reached.events }
        return top.map { "\(category($0.category))のしきい値" } ?? "一時利用停止リスク"
      default: return "\(objectiveName(check))の目標"
      }
    }.joined(separator: "と")
  }

  /// Where the search stopped (``Headroom/stoppedAt``), in Japanese.
  private func stopReason(_ reason: Headroom.StopReason) -> String {
    switch reason {
    case .searchEnd(let factor): "探索の終端（x\(Format.decimal(factor))）"
    case .interrupted: "中断"
    case .workloadGuard(let above?): "x\(Format.decimal(above))を超えたところで作業量の上限（`--max-calls`）"
    case .workloadGuard(nil): "作業量の上限（`--max-calls`）"
    }
  }

  public func headroomSummary(_ headroom: Headroom) -> String {
    let x = Headroom.factorText
    guard let holds = headroom.holdsUpTo else {
      let lowest = x(headroom.range.lowerBound)
      if let stoppedAt = headroom.stoppedAt { return "どの倍率も判定できませんでした（\(stopReason(stoppedAt))で停止）" }
      let what = breakingName(headroom).map { "（\($0)）" } ?? ""
      return headroom.failsFrom != nil && headroom.failsFrom == headroom.firstNotMeeting
        ? "\(lowest)でも未達です\(what)" : "\(lowest)でも満たすとは示されません\(what)"
    }
    guard let next = headroom.firstNotMeeting else {
      return "\(x(holds))以上まで持ちこたえます（探索は\(headroom.stoppedAt.map(stopReason) ?? "終端")で停止）"
    }
    let what = breakingName(headroom) ?? "いずれかの目標"
    if headroom.failsFrom == next { return "\(x(holds))まで持ちこたえ、その先は\(what)を満たせません" }
    guard let fails = headroom.failsFrom else {
      return "\(x(holds))まで確実に持ちこたえ、\(x(next))から未確定です（\(x(headroom.points.last?.factor ?? next))まで未達とは示されません）。"
        + "最初に破れるのは\(what)です"
    }
    return "\(x(holds))まで確実に持ちこたえ、\(x(holds))〜\(x(fails))は未確定、\(x(fails))から未達です。最初に破れるのは\(what)です"
  }

  public func planHeadroom(recommended: String?, _ summary: String, upTo: String) -> String {
    let subject = recommended.map { "推奨の\($0)では、計画は" } ?? "設定どおりのアカウントは"
    return "**ヘッドルーム：**\(subject)\(summary)。倍率gはすべてのクラスの到着（レート、プロファイルの値、バーストの件数）だけに掛かります。"
      + "\(upTo)までの倍率を、それぞれティアと同じように判定して探索しました。`callcap headroom`で曲線を、`--growth`を付ければ日付を求められます。"
  }

  // MARK: The tier table

  public var tiersHeading: String { "ティア" }
  public var optionsHeading: String { "組み合わせ" }

  public func tierColumns(gates: [String]?, api: Bool, categories: [ConcurrencyCategory], headroom: String?) -> [String] {
    var header = gates.map { $0 + ["費用", "セルフサービス"] } ?? ["ティア", "セルフサービス"]
    if api { header += ["APIの待ち時間（95パーセンタイル）", "APIの最大待ち時間"] }
    header += ["拒否率"] + categories.map { "\(category($0))のピーク" }
    header.append(headroom.map { "しきい値まで\($0)以内に迫った反復" } ?? "しきい値に達した反復")
    return header + ["反復", "目標の達成"]
  }

  public var onlyConfiguredSimulated: String { "CPSゲートを通るトラフィックがないため、設定値のCPSだけをシミュレーションしました。" }

  public func optionsOrdered(gates: String, prices: [(gate: String, price: String)]) -> String {
    "各組み合わせは\(gates)にそれぞれのCPSを各ゲートの候補から与えます。組み合わせは月額費用の順"
      + "（\(prices.map { "\($0.gate)は1 CPSあたり\($0.price)" }.joined(separator: "、"))）に並び、どれも同じ通話を受けます（共通乱数）。"
  }

  public func optionsPartial(grid: Int, simulated: Int) -> String {
    "グリッドには\(Readable.count(grid))件の組み合わせがあり、より安いものが答えを決めるまで、安い順に\(Readable.count(simulated))件を"
      + "バッチごとにシミュレーションしました。より安い組み合わせを飛ばすことはありません。"
  }

  public func optionsAll(grid: Int) -> String { "グリッドの\(Readable.count(grid))件すべてをシミュレーションしました。" }

  public func tableShowsCheapest(_ count: Int, andRecommended: Bool) -> String {
    "表には設定値のCPSと最も安い\(count)件" + (andRecommended ? "、続いて推奨の組み合わせ" : "") + "を示します。tiers.csvにすべての組み合わせがあります。"
  }

  public func eachTierApplies(_ gates: String) -> String { "各ティアは\(gates)に適用され、どのティアも同じ通話を受けます（共通乱数）。" }

  public func tableFigures(perLook: String, looks: Int) -> String {
    "数値は各設定の反復の平均です。各目標は\(perLook)の区間で判定します（はい：達成、いいえ：未達、未確定：区間が上限を含む）"
      + (looks == 1 ? "。" : "。これにより計画の\(looks)回の判定全体で95%の信頼度になります。")
  }

  public func replicationsNote(_ first: Int, looks: String?) -> String {
    guard let looks else { return "すべての設定で\(first)回の反復を実行し、それで推奨が決まりました。" }
    return "すべての設定で\(first)回の反復を実行しました。推奨が依存する設定は、未確定の間バッチで追加実行し（どの設定も同じ反復番号）、"
      + "あらかじめ決めた\(looks)回の時点でのみ判定しました。確定した設定は回数をそのままにしています。"
  }

  public var noSales: String { "いいえ（営業担当）" }
  public var configured: String { "設定値" }
  public var configuredSuffix: String { "（設定値）" }
  public func failsOn(_ names: [String]) -> String { "いいえ：" + names.joined(separator: "、") }
  public func undecidedOn(_ names: [String]) -> String { "未確定：" + names.joined(separator: "、") }
  public func noneOf(_ trials: String, perLook: String, upper: String) -> String { "\(trials)回中0回（\(perLook)上限 \(upper)）" }

  public func someOf(_ events: String, _ trials: String, share: String, perLook: String, twoSided: Bool, low: String, high: String)
    -> String
  {
    "\(trials)回中\(events)回（\(share)、\(perLook)\(twoSided ? "信頼区間" : "の範囲") \(low)〜\(high)）"
  }

  public var upgradeHeading: String { "トランクCPS引き上げの条件" }

  public func upgradeIntro(_ provider: String) -> String {
    "\(provider)は会話型のトラフィックにのみトランクのCPS引き上げを認めます。各トランクは、設定値のCPSで運んだ通話で判定します："
  }

  public var upgradeColumns: [String] { ["トランク", "条件", "必要", "シミュレーション", "達成"] }
  public var upgradePageNote: String { "応答率の条件は、現行のページでは70%、古いページでは60%です。" }

  // MARK: The line on standard output

  public func wrote(_ folder: String, _ files: [String]) -> String { "\(folder)に書き込み（\(files.joined(separator: "、"))）" }
  public var lineSeparator: String { "。" }

  public func summaryLine(_ plan: CapacityPlan) -> String {
    let name = plan.scenario.name
    let candidate = plan.gates.count > 1 ? "組み合わせ" : "ティア"
    if plan.gates.isEmpty {
      let outcome = plan.configured
      switch outcome.decision {
      case .meets: return "\(name): 購入するCPSなし。すべての目標を達成"
      case .fails: return "\(name): 購入するCPSなし。\(outcome.failing.map(objectiveName).joined(separator: "と"))が未達"
      case .undecided:
        return "\(name): 未確定：購入するCPSなし。\(outcome.undecided.map(objectiveName).joined(separator: "と"))は"
          + "\(outcome.replications)回の反復後も未確定"
      }
    }
    switch plan.status {
    case .meets:
      return "\(name): 推奨 \(plan.recommended.map(label) ?? "?")"
    case .fails:
      return "\(name): すべての目標を満たす\(candidate)なし"
    case .undecided:
      let pending = plan.pending.map { "\(label($0))は\($0.replications)回の反復後も未確定" }.joined(separator: "、")
      let safe = plan.smallestMeeting.map { "\(label($0))は達成。" } ?? "達成が示された\(candidate)なし。"
      return "\(name): 未確定：\(safe)\(pending)"
    }
  }

  // MARK: Charts

  public func timeAxis(every: String) -> String { "時刻（1点＝\(every)）" }
  public func simultaneousCallsTitle(_ label: String) -> String { "同時通話数（\(label)）" }
  public var callsInProgress: String { "通話中の件数" }
  public func seriesMean(_ category: ConcurrencyCategory) -> String { "\(self.category(category))（平均）" }
  public func seriesHighest(_ category: ConcurrencyCategory) -> String { "\(self.category(category))（最高）" }

  public func thresholdLine(_ category: ConcurrencyCategory, _ threshold: Int) -> String {
    "\(self.category(category))のしきい値 \(threshold)"
  }

  public var concurrencyChartTitle: String { "しきい値に対する同時通話数" }
  public func apiQueueTitle(_ label: String) -> String { "APIキュー（\(label)）" }
  public var requestsWaiting: String { "待機中のリクエスト" }
  public var mean: String { "平均" }
  public var highest: String { "最高" }
  public var apiQueueChartTitle: String { "APIキューの長さ" }
  public func refusedTitle(_ label: String) -> String { "拒否された通話（\(label)）" }
  public var refusedPerPoint: String { "1点あたりの拒否件数" }
  public var meanPerReplication: String { "反復あたりの平均" }
  public var refusedChartTitle: String { "拒否された通話の推移" }
  public func poolChartTitle(_ pool: String, _ label: String) -> String { "プール \(pool)（\(label)）" }
  public var callersOrAgents: String { "発信者またはオペレーター" }
  public var callersWaitingMean: String { "待機中の発信者（平均）" }
  public var callersWaitingHighest: String { "待機中の発信者（最高）" }
  public var agentsBusyMean: String { "対応中のオペレーター（平均）" }
  public var agentsOnDuty: String { "勤務中のオペレーター" }
  public func categoryCallsMean(_ category: ConcurrencyCategory) -> String { "\(self.category(category))の通話（平均）" }
  public func categoryCallsHighest(_ category: ConcurrencyCategory) -> String { "\(self.category(category))の通話（最高）" }
  public func poolChartCaption(_ pool: String) -> String { "プール \(pool)：待機中の発信者と対応中のオペレーター" }
  public var configuredCPS: String { "設定値のCPS" }
  public func cpsAxis(logarithmic: Bool) -> String { logarithmic ? "CPSティア（対数目盛）" : "CPSティア" }
  public var tierWaitTitle: String { "CPSティア別のAPIキュー待ち時間（95パーセンタイル）" }
  public var seconds: String { "秒" }
  public var p95Wait: String { "待ち時間（95パーセンタイル）" }
  public func objectiveLine(_ limit: String) -> String { "目標 \(limit)" }
  public var tierWaitCaption: String { "CPSに対するキュー待ち時間（95パーセンタイル）" }
  public var tierPeaksTitle: String { "CPSティア別の同時通話数のピーク" }
  public var meanPeakCalls: String { "通話数（ピークの平均）" }
  public func peakSeries(_ category: ConcurrencyCategory) -> String { "\(self.category(category))のピーク" }
  public func limitLine(_ category: ConcurrencyCategory, _ limit: String) -> String { "\(self.category(category))の上限 \(limit)" }
  public var tierPeaksCaption: String { "CPSに対する同時通話数のピーク" }

  // MARK: Comparison (comparison.md)

  public func comparisonTitle(_ names: [String]) -> String { "callcap 比較：\(names.joined(separator: " 対 "))" }

  public func pairing(_ name: String, paired: [String], total: Int) -> String {
    if paired.isEmpty {
      return "\(name)はベースラインと同じ名前のトラフィッククラスを持たないため、何も対になりません。差は独立した実行どうしの差です"
        + "（有効ですが、共通乱数で狭まりません。同じ発信者を表すクラスには同じ名前を付けてください）。"
    }
    let rest = total - paired.count
    return "\(name)は\(paired.map { "`\($0)`" }.joined(separator: "、"))を通じてベースラインと対になります"
      + (rest > 0 ? "（独自の\(rest)クラスは独立に乱数を引きます）。" : "。")
  }

  public func comparisonIntro(baseline: String, path: String, seed: UInt64, replications: Int, pairing: [String]) -> String {
    "ベースライン：**\(baseline)**（\(path)）。どのシナリオもシード\(seed)、\(Readable.count(replications))回の反復で実行しました。"
      + "同じ名前のトラフィッククラスとトランクは同じ乱数を引き（共通乱数）、差を対にして狭めます。"
      + "差には反復ごとの差にわたる95%のt区間を付けます（0を含まなければ有意）。"
      + pairing.joined()
  }

  public var whatDiffersHeading: String { "主な違い" }
  public var allMetricsHeading: String { "すべての指標" }

  public func allMetricsColumns(_ names: [String], baseline: String) -> [String] {
    ["スコープ", "指標"] + names + names.dropFirst().map { "\($0) − \(baseline)" }
  }

  public var allMetricsNote: String {
    "反復の平均と95%区間です（量の範囲に収め、反復の割合は回数とClopper-Pearson限界で示します）。**有意**と記した差は0を含みません。"
  }

  public func comparedScenario(
    _ name: String, path: String, horizon: String, apiCPS: String, pacing: String, trunks: [(name: String, cps: String, limiter: String)]
  ) -> String {
    "\(name)：\(path)、期間\(horizon)、API \(apiCPS) CPS（`\(pacing)`）"
      + trunks.map { "、トランク \($0.name) \($0.cps) CPS（`\($0.limiter)`）" }.joined() + "。"
  }

  public func methodVersion(_ version: String) -> String { "callcap \(version)。" }

  public func difference(_ mean: String, interval: (low: String, high: String)?, significant: Bool) -> String {
    mean + (interval.map { "（\($0.low)〜\($0.high)）" } ?? "") + (significant ? "、**有意**" : "")
  }

  public func keyMetric(_ scope: Scope, _ metric: Metric) -> String {
    switch (scope, metric) {
    case (.api, .queueWaitP95): "APIの待ち時間（95パーセンタイル）"
    case (.api, .queueWaitMean): "APIの平均待ち時間"
    case (.category(.total), .rejectedRate): "拒否率"
    case (.trunk(let name), .rejectedRate): "トランク \(name)での拒否率"
    case (.category(let category), .peakConcurrency): "\(self.category(category))のピーク"
    case (.category(let category), .thresholdBreachShare): "\(self.category(category))のしきい値に達した反復"
    case (.category(.total), .callsOffered): "発生した通話"
    default: "\(scope)の\(metric.rawValue)"
    }
  }

  public func againstBaseline(_ name: String, _ baseline: String) -> String { "**\(name)**と\(baseline)の比較：" }

  public func changedFigure(_ name: String, from: String, to: String, _ difference: String) -> String {
    "\(name)：\(from) → \(to)（差\(difference)）"
  }
  public var noSignificantDifference: String { "重要な数値に有意な差はありません。" }
  public func noSignificantDifferenceIn(_ names: [String]) -> String { "有意な差なし：\(names.joined(separator: "、"))。" }
  public var objectivesHeading: String { "目標としきい値" }

  public var objectivesIntro: String {
    "ベースラインの目標を各シナリオに当てはめ、それぞれ95%区間で判定しました（未確定：区間が上限を含む。`compare`の反復回数は固定です）。"
  }

  public var objectiveColumn: String { "目標" }

  public func objectiveWithLimit(_ check: ObjectiveCheck) -> String {
    let limit = limitText(check)
    return switch check.objective {
    case .queueWaitP95: "APIの待ち時間（95パーセンタイル）<= \(limit)"
    case .answerWaitP95(let scope): "\(scope)の応答待ち時間（95パーセンタイル）<= \(limit)"
    case .late(let scope, let share): "\(scope)の遅延 <= \(Format.percent(share))"
    default: "\(objectiveName(check)) \(check.objective.isMinimum ? ">=" : "<=") \(limit)"
    }
  }

  public func comparedOutcome(_ outcome: ObjectiveOutcome) -> String {
    switch outcome {
    case .meets: "達成"
    case .fails: "**未達**"
    case .undecided: "**未確定**"
    }
  }

  public func timeAxis(clockOf name: String) -> String { "時刻（\(name)の時計）" }
  public func meanSimultaneousTitle(_ category: ConcurrencyCategory) -> String { "\(self.category(category))の同時通話数の平均" }
  public func thresholdOnly(_ threshold: Int) -> String { "しきい値 \(threshold)" }
  public func categoryInProgress(_ category: ConcurrencyCategory) -> String { "通話中の\(self.category(category))" }
  public var meanApiQueueTitle: String { "APIキューの長さの平均" }

  // MARK: Headroom (callcap headroom)

  public var headroomConfigured: String { "設定値のCPS" }
  public var headroomNoGate: String { "アカウント（CPSゲートなし）" }
  public func headroomRecommended(_ label: String) -> String { "推奨の\(label)" }

  public func headroomNoRecommendation(_ summaryLine: String) -> String {
    "計画は推奨ティアを示していません（\(summaryLine)）。これは設定値のCPSのヘッドルームです。"
  }

  public func headroomLine(_ name: String, configuration: String, _ summary: String, reached: (rate: String, date: String)?) -> String {
    "\(name): \(configuration)は\(summary)" + (reached.map { "。\($0.rate)の成長で\($0.date)に到達" } ?? "")
  }

  public func growthRate(_ growth: Growth) -> String { "月\(Format.decimal(growth.monthly * 100))%" }

  public func growthSentence(_ growth: Growth, factor: Double) -> String {
    let target = Headroom.factorText(factor)
    let rate = growthRate(growth)
    guard let date = growth.date(reaching: factor) else { return "\(rate)の成長では、トラフィックは\(target)に達しません。" }
    let months = growth.months(toReach: factor)
    if factor < 1 {
      return "\(target)は現在のトラフィックを下回ります。\(rate)の成長なら、トラフィックがそこにあったのは"
        + "\(Growth.format(growth.from))の約\(Readable.estimate(-months))か月前（\(Growth.format(date))）で、計画は現時点で成り立ちません。"
    }
    return "\(Growth.format(growth.from))から\(rate)で成長すると、トラフィックは\(Readable.estimate(months))か月後の"
      + "\(Growth.format(date))に\(target)に達します。"
  }

  public func headroomTitle(_ name: String) -> String { "ヘッドルーム：\(name)" }

  public func headroomLead(_ configuration: String, _ summary: String, confidence: String) -> String {
    "**\(configuration)は\(summary)。**"
      + "各目標は`plan`が設定を判定するのと同じく\(confidence)で判定します。倍率はすべての目標を*満たす*場合にのみ持ちこたえるとみなし、"
      + "未確定の目標を持ちこたえるとは数えません。"
  }

  public var growthHeading: String { "成長" }
  public func shownToFailFrom(_ factor: String, _ sentence: String) -> String { "\(factor)から未達と示されます：" + sentence }
  public var whatGrowsHeading: String { "伸ばすもの" }

  public func whatGrows(_ classes: String?) -> String {
    "対象：\(classes ?? "すべてのトラフィッククラス")。倍率gはポアソンとプロファイルのレートを掛け、`every`の間隔を割り、"
      + "バーストの件数を掛けて最も近い整数に丸めます（2,000件はx1.3で2,600件）。通話時間、呼び出し時間、応答率、オペレーター、"
      + "CPS、しきい値は変わりません。"
  }

  public var evaluatedFactorsHeading: String { "評価した倍率" }
  public var factorColumns: [String] { ["倍率", "判定", "反復", "目標"] }
  public func outOfReach(_ lastLook: Int) -> String { "未確定（\(lastLook)回までに達成できない）" }

  public func decision(_ outcome: ObjectiveOutcome) -> String {
    switch outcome {
    case .meets: "達成"
    case .fails: "未達"
    case .undecided: "未確定"
    }
  }

  public func headroomMethod(
    precision: String, low: String, high: String, seed: UInt64, first: Int, looks: String, replications: String, version: String
  ) -> String {
    "すべての目標を満たす最後の倍率と満たさない最初の倍率の間をgについて二分探索し（幾何平均の中点）、"
      + "両者が\(precision)以内になるまで続けます。x1から倍または半分にして挟み込み、範囲は\(low)〜\(high)です。"
      + "どの倍率もシード\(seed)から同じ反復番号を実行し（共通乱数）、\(first)回から始めて、未確定の間は計画の判定時点"
      + "（\(looks)）で反復を追加します。一時利用停止リスクの超過が多く、以後のどの判定でも達成を示せなくなった倍率は"
      + "（最後の判定まで超過がなくても上限が目標を上回る場合）、持ちこたえないものとして早めに打ち切ります。信頼度は倍率ごとです。"
      + "探索はトラフィックが増えるほど各目標が悪化すると仮定しており、評価した倍率については上の表がそれを示しています。"
      + "合計\(replications)回の反復。callcap \(version)。"
  }

  public func growthChartTitle(_ objective: String) -> String { "成長倍率に対する\(objective)" }
  public var growthAxis: String { "成長倍率g（対数目盛。点：評価した倍率）" }
  public func withUnit(_ name: String, _ unit: String) -> String { "\(name)（\(unit)）" }
  public var measuredSeries: String { "測定値" }
  public var intervalLow: String { "区間の下端" }
  public var intervalHigh: String { "区間の上端" }
  public var limitSeries: String { "上限" }

  // MARK: Call records (callcap observe)

  public var comma: String { "、" }
  public func observedTitle(_ name: String) -> String { "通話記録の実測：\(name)" }
  public var noThresholdReached: String { "**一時利用停止のしきい値に達したカテゴリはありません。**" }

  public func closestPeak(_ category: String, peak: Int, threshold: Int, at: String?) -> String {
    "最も近かったのは\(category)で、同時通話数のピークはしきい値\(threshold)に対し\(peak)でした" + (at.map { "（\($0)）" } ?? "") + "。"
  }

  public func thresholdsReached(_ peaks: [String]) -> String { "**しきい値に到達：**" + peaks.joined(separator: "；") + "。" }

  public func reachedPeak(_ category: String, peak: Int, threshold: Int, at: String, above: String) -> String {
    "\(category)のピークは\(at)に\(peak)（しきい値\(threshold)）、しきい値以上の時間は\(above)"
  }

  public func recordsRead(_ records: Int, files: Int, skipped: Int, days: Int, offset: String) -> String {
    "\(files)個のファイルから\(Readable.count(records))件の記録を読みました"
      + (skipped > 0 ? "（\(Readable.count(skipped))件はスキップ。診断メッセージを参照）" : "")
      + "。現地時刻UTC\(offset)で\(days)日分です。"
  }

  public var observedPeaksHeading: String { "同時通話数のピーク" }
  public var observedPeaksColumns: [String] { ["日", "着信", "発信", "転送", "合計", "しきい値以上の時間"] }
  public var allDays: String { "全期間" }
  public func categoryDuration(_ category: String, _ duration: String) -> String { "\(category) \(duration)" }
  public var noneWord: String { "なし" }
  public var observedPeaksNote: String { "ピーク / しきい値。しきい値以上のピークは太字です。各ピークに最初に達した時刻：" }
  public func firstReached(_ category: String, peak: Int, at: String) -> String { "\(category)：\(at)に\(peak)" }
  public var simultaneousCallsAlt: String { "同時通話数" }
  public var cpsUsedHeading: String { "ゲートごとに使われたCPS" }
  public var cpsUsedIntro: String { "1秒間に作成された通話の最大数（`date_created`）、つまり各ゲートが許す必要のあったレートです。" }
  public var noGateCalls: String { "APIまたはトランク経由の発信はありません。" }
  public var cpsUsedColumns: [String] { ["日", "ゲート", "通話", "1秒間の最大通話数", "時刻"] }
  public var queueTimesHeading: String { "API発信のキュー時間" }
  public var queueTimesIntro: String { "作成から開始まで（`queue_time`）、単位は秒。" }
  public var noQueueTimes: String { "キュー時間のあるAPI発信はありません。" }
  public var queueTimesColumns: [String] { ["日", "通話", "平均", "中央値", "95パーセンタイル", "99パーセンタイル", "最大"] }
  public var observedTrunksHeading: String { "トランクとCPS引き上げの条件" }
  public var noTrunkCalls: String { "トランク経由の発信（trunking-terminating）はありません。" }
  public func shortCalls(_ duration: String) -> String { "\(duration)以下の通話" }

  public func observedUpgradeRule(_ provider: String, meanAbove: String, shortAtMost: String, short: String, answerAbove: String) -> String
  {
    "\(provider)は、平均通話時間が\(meanAbove)を超え、応答した通話のうち\(short)が\(shortAtMost)以下で、"
      + "応答率が\(answerAbove)を超えるトラフィックについてトランクのCPSを引き上げます。"
  }

  public func observedTrunkColumns(_ short: String) -> [String] { ["トランク", "通話", "応答", "平均通話時間", short, "条件を満たす"] }

  public func observedCalls(inbound: Int, outbound: Int, forwarded: Int, legs: Int, neverLive: Int) -> String {
    "通話：着信\(Readable.count(inbound))件、発信\(Readable.count(outbound))件、転送\(Readable.count(forwarded))件"
      + "（`outbound-dial`のレッグ\(Readable.count(legs))件は親の通話と合わせて数えます）、一度も通話中にならなかったもの\(Readable.count(neverLive))件。"
  }

  public func observedRules(offset: String) -> [String] {
    [
      "通話は開始時刻から終了時刻まで通話中とします（呼び出しを含み、作成から開始まではキュー時間です）。"
        + "同じ秒では終了を開始より先に数えるため、ある通話の終了と別の通話の開始が重なることはありません。"
        + "時刻はTwilioの記録どおり秒単位です。",
      "`outbound-dial`の子（親の通話SIDで判定）を持つ`inbound`の通話は転送、それ以外の`inbound`と`trunking-originating`は着信、"
        + "`outbound-api`と`trunking-terminating`は発信です。",
      "日はUTC\(offset)の現地日で、日付をまたぐ通話は両方の日に数えます。",
    ]
  }

  public func observedFiles(_ files: [String], version: String) -> String {
    "ファイル：" + files.joined(separator: "、") + "。callcap \(version)。"
  }

  public func observedChartTitle(_ bucket: String) -> String { "実測の同時通話数（\(bucket)ごとの最大）" }
  public func localTimeAxis(offset: String, from: String) -> String { "現地時刻（UTC\(offset)）、\(from)から" }
  public var simultaneousCalls: String { "同時通話数" }
  public func namedThresholdLine(_ category: String, _ threshold: Int) -> String { "\(category)のしきい値 \(threshold)" }

  public func observeSummary(_ observation: Observation, folder: String) -> String {
    func name(_ category: String) -> String { ConcurrencyCategory(rawValue: category).map(self.category) ?? category }
    var lines = [
      "\(Readable.count(observation.recordsRead))件の記録、\(observation.days.count)日分、UTC\(observation.utcOffset)。レポート：\(folder)"
    ]
    for peak in observation.overall.peaks {
      let threshold = peak.threshold.map { " / \($0)\(peak.reached ? " 到達" : "")" } ?? ""
      lines.append("  \(name(peak.category))のピーク：\(peak.peak)\(threshold)\(peak.peakAt.map { "（\($0)）" } ?? "")")
    }
    for gate in observation.overall.gates {
      lines.append("  \(gate.gate)：1秒間に作成された通話は最大\(gate.peakCallsPerSecond)件")
    }
    if observation.recordsSkipped > 0 { lines.append("  \(observation.recordsSkipped)件の記録をスキップ") }
    return lines.joined(separator: "\n")
  }

  // MARK: Staffing (agent pools)

  private func span(_ counts: [Int]) -> String {
    let low = counts.min() ?? 0
    let high = counts.max() ?? 0
    return low == high ? "\(low)" : "\(low)〜\(high)"
  }

  private func rowLabel(_ row: StaffingPlan.Row) -> String {
    guard let offset = row.offset, let counts = row.counts else { return "\(row.agents)" }
    return "\(offset > 0 ? "+" : "")\(offset)（\(span(counts))）"
  }

  public func staffingVerdict(_ plan: StaffingPlan) -> String {
    var text: String
    let shown: StaffingPlan.Row?
    if let row = plan.recommendedRow {
      shown = row
      if let offset = row.offset, let counts = row.counts {
        let change =
          offset == 0 ? "設定どおりのシフト" : "各時間帯のオペレーターを\(abs(offset))人\(offset < 0 ? "減らした" : "増やした")シフト"
        text =
          "**プール \(plan.pool)：\(change)（\(span(counts))人）**で、プールのすべての目標を満たします："
          + "\(explanations(row.checks.map(explanation)))。"
        if let fewer = plan.rows.first(where: { $0.offset == offset - 1 }) {
          text += "各時間帯で1人少ないと満たしません：\(explanations(fewer.failingChecks.map(explanation)))。"
        }
      } else {
        text = "**プール \(plan.pool)：\(row.agents)人**が、プールのすべての目標を満たす最少の人数です：\(explanations(row.checks.map(explanation)))。"
      }
    } else {
      shown = plan.rows.last
      let last = plan.rows.last.map { row in row.offset.map { "各時間帯\($0 > 0 ? "+" : "")\($0)人" } ?? "\(row.agents)人" }
      text = "**プール \(plan.pool)：試した人数（\(last ?? "なし")まで）では、プールのすべての目標を満たせません。**"
      if let row = plan.rows.last { text += "最も多く試した人数では：\(explanations(row.failingChecks.map(explanation)))。" }
    }
    if let shown, let sentence = staffingThreshold(plan, shown, recommended: plan.recommendedRow != nil) { text += sentence }
    switch plan.configured {
    case .constant(let count) where plan.recommendedRow?.agents != count:
      text += "シナリオのオペレーターは\(count)人で、このレポートの残りはその人数での結果です。"
    case .profile where plan.recommendedRow?.offset != 0:
      text += "このレポートの残りは設定どおりのシフトでの結果です。"
    default: break
    }
    return text
  }

  private func staffingThreshold(_ plan: StaffingPlan, _ row: StaffingPlan.Row, recommended: Bool) -> String? {
    guard let threshold = plan.threshold, let peak = row.peak, let status = row.thresholdStatus(riskLimit: plan.riskLimit),
      let near = row.reachedLimit ?? row.reachedThreshold
    else { return nil }
    let name = "\(category(plan.category))のしきい値\(threshold)"
    let with = recommended ? "この人数で" : "最も多く試した人数で"
    let figures =
      "\(category(plan.category))のピークは\(MetricText.describe(peak, .peakConcurrency, self))、"
      + "\(near.trials)回の反復での最高は\(Readable.count(peak.max))"
    let within =
      plan.limit.flatMap { $0 < Double(threshold) ? "ヘッドルームの内側（\(Readable.estimate($0, units: units))件）" : nil } ?? "しきい値"
    let count = "\(near.trials)回中\(near.events)回が\(within)に達しました"
    let risk = Format.percent(plan.riskLimit)
    switch status {
    case .atRisk:
      return "**\(name)は\(with)危険です**：\(figures)。\(count)。95%の信頼度で`suspension_risk`（\(risk)）を超えます"
        + "（下限\(Format.percent(near.oneSidedLower95))）。"
    case .safe:
      return "**\(name)は\(with)安全です**：\(figures)。\(count)。95%の信頼度で`suspension_risk`（\(risk)）以内です"
        + "（上限\(Format.percent(near.oneSidedUpper95))）。"
    case .undecided:
      let needed = BinomialInterval.trialsToBound(events: near.events, below: plan.riskLimit).map {
        "。これ以上の到達がなければ約\(Readable.count($0))回の反復で示せます"
      }
      return "**\(name)が\(with)安全かはまだ決まりません**：\(figures)。\(count)。その95%上限"
        + "\(Format.percent(near.oneSidedUpper95))は`suspension_risk`（\(risk)）を上回ります\(needed ?? "")。"
    }
  }

  public func staffingSection(_ plan: StaffingPlan, threshold: Int?) -> String {
    var text = "### 要員配置：プール \(plan.pool)\n\n"
    if let row = plan.recommendedRow {
      if let offset = row.offset, let counts = row.counts {
        text += "**各時間帯\(offset > 0 ? "+" : "")\(offset)人**（勤務\(span(counts))人）が、プールのすべての目標を満たすシフトの最小の変更です"
      } else {
        text += "**\(row.agents)人**が、プールのすべての目標を満たす最少の人数です"
      }
    } else {
      text += "\(plan.rows.last.map(rowLabel) ?? "0")人まで試しても、プールのすべての目標を確信をもって満たす人数はありません"
    }
    text += "（提供呼量\(Readable.estimate(plan.offeredLoad, units: units))アーラン、期間全体の平均）。"
    if let every = plan.everySeconds {
      text +=
        "このプールは\(Readable.duration(every, units: units))ごとのシフトで働きます。各行は各時間帯の人数を同じ人数だけ動かし（0未満にはしません）、"
        + "人数の列はその変更と、勤務する最少・最多の人数です。"
    }
    text += "\n\n"
    let reach =
      plan.limit.map { limit in
        threshold.map { Double($0) == limit ? "\($0)に達した反復" : "ヘッドルームの内側（\(Readable.estimate(limit, units: units))）に達した反復" } ?? ""
      } ?? ""
    var header = ["人数", "サービスレベル", "放棄率", "応答待ち時間（95パーセンタイル）"]
    header.append("\(category(plan.category))のピーク" + (threshold.map { "（しきい値\($0)）" } ?? ""))
    if !reach.isEmpty { header.append(reach) }
    header.append("目標")
    text += MarkdownText.tableHeader(header)
    for row in plan.rows {
      func cell(_ summary: Summary?, _ metric: Metric) -> String {
        guard let summary else { return units.notAvailable }
        return MetricText.describe(summary, metric, self)
      }
      var cells: [String] = [rowLabel(row)]
      cells.append(cell(row.serviceLevel, .serviceLevel))
      cells.append(cell(row.abandonRate, .abandonRate))
      cells.append(cell(row.answerWaitP95, .answerWaitP95))
      cells.append(cell(row.peak, .peakConcurrency))
      if !reach.isEmpty { cells.append(row.reachedLimit.map { "\($0.trials)回中\($0.events)回" } ?? "-") }
      cells.append(decision(row.outcome))
      text += "| " + cells.joined(separator: " | ") + " |\n"
    }
    return text + "\n"
  }

  public func staffingLine(_ pools: [StaffingPlan]) -> String {
    pools.map { pool in
      let status = (pool.recommendedRow ?? pool.rows.last)?.thresholdStatus(riskLimit: pool.riskLimit).map {
        switch $0 {
        case .safe: "安全"
        case .atRisk: "危険"
        case .undecided: "未確定"
        }
      }
      let threshold = status.map { "、\(category(pool.category))のしきい値は\($0)" } ?? ""
      guard let row = pool.recommendedRow else { return "。プール \(pool.pool)：目標を満たす人数なし\(threshold)" }
      let agents = row.offset.map { $0 == 0 ? "設定どおりのシフト" : "シフト\($0 > 0 ? "+" : "")\($0)人" } ?? "\(row.agents)人"
      return "。プール \(pool.pool)：\(agents)\(threshold)"
    }.joined()
  }

  // MARK: Remedies ("What would fix it")

  public func keepAtOrBelow(
    _ traffic: String, allowed: Int, _ category: ConcurrencyCategory, hold: String, calls: String, rate: String, risk: String
  ) -> String {
    "\(traffic)の\(self.category(category))の同時通話数を\(allowed)以下に保ってください：1通話あたり\(hold)（呼び出しと通話）で、"
      + "\(calls)件の発信を毎秒\(rate)件以下で始めれば、反復のピークが\(allowed + 1)に達する確率を\(risk)未満に抑えられます"
      + "（M/G/∞）。発信をそのレートに調整するか、発信元で通話中の件数に上限を設けてください。"
  }

  public func spreadBurst(count: String, _ traffic: String, over: String, now: String?, then: (cps: String, wait: String)?) -> String {
    "\(traffic)の\(count)件の一斉発信を\(over)以上かけて分散してください（現在は\(now.map { "\($0)" } ?? "一度に発生")）"
      + (then.map { "。そうすれば\($0.cps) CPSでAPIの待ち時間の95パーセンタイルを\($0.wait)以内に保てます（M/D/1）" } ?? "") + "。"
  }

  public func ungoverned(_ category: ConcurrencyCategory, _ classes: [String], peak: String) -> String {
    "ゲートを通らない\(self.category(category))の通話（\(classes.joined(separator: "、"))）はCPSで制御できないため、"
      + "どのティアでもピーク\(peak)は下がりません。"
  }

  public func surge(count: String, _ traffic: String, over: String, now: String?, allowed: Int) -> String {
    "同時通話数を\(allowed)以下に保つには、\(traffic)の\(count)件の集中を\(over)以上かけて到着させる必要があります"
      + "（現在は\(now ?? "一度に到着")）。"
  }

  public func withoutSurges(load: String, reaches: Int, probability: String, horizon: String) -> String {
    "集中がなくても、ピーク時間帯の呼量\(load)アーランでは、期間\(horizon)のうち約\(probability)でピークが\(reaches)件に達します（M/G/∞）。"
  }

  public func contactOrMove(_ sales: String) -> String {
    "開始前に\(salesName(sales))へ連絡するか、このトラフィックの一部を別のアカウントに移してください。"
  }

  public func evenAtFastest(_ cps: String, wait: String, needed: String, sales: String) -> String {
    "\(cps) CPSでもAPIの待ち時間の95パーセンタイルは\(wait)です。滞留が捌ける間、待ち時間はほぼ1/CPSで縮むため、"
      + "リクエストを分散しない限り約\(needed) CPSが必要です（\(salesName(sales))）。"
  }

  public func profileCap(_ profile: String, cap: Int, refused: String, error: String) -> String {
    "アカウントのプロファイル`\(profile)`の同時通話の上限は\(cap)で、反復あたり\(refused)件の通話を拒否します（\(error)）。"
      + "ビジネスプロファイルを登録すれば上限がなくなります。"
  }

  public func queueOverflowRemedy(error: String, refused: String, holds: String) -> String {
    "APIキューがあふれ（\(error)）、反復あたり\(refused)件の発信が拒否されます。キューは\(holds)分の処理量までしか保持しないため、"
      + "リクエストを分散してください。"
  }

  public func trunkStillRefuses(_ trunk: String, share: String, at: String, error: String, errorText: String, example: String?) -> String {
    let advice =
      example.map { "\(error)の後に再試行してください（例：\($0)）" } ?? "再試行の回数を増やすか間隔を空けるか、発信の間隔を調整してください"
    return "トランク \(trunk)は\(at)でも通話の\(share)を拒否します（`\(errorText)`）：\(advice)。"
  }

  public func remedyStatus(_ outcome: RemedyVerification.Outcome, budget: Int) -> String {
    switch outcome {
    case .verified(let count):
      return "検証済み：この変更でシナリオは95%の信頼度ですべての目標を満たします（\(Readable.count(count))回の反復）"
    case .fails(let checks, let count):
      return "未検証：この変更では\(explanations(checks.map(explanation)))（\(Readable.count(count))回の反復）"
    case .undecided(let checks, let count):
      return "未確定：この変更では\(count)回の反復の後も\(explanations(checks.map(explanation)))。"
        + (count < budget
          ? "反復を増やすか目標を緩めれば決着します"
          : "`simulation.max_replications`（\(budget)）を超える反復か、目標を緩めれば決着します")
    case .invalid(let message): return "未検証：\(message)"
    case .notSimulated(let why): return "未検証：シミュレーションしていません（\(why)）。`callcap plan fix.yaml`で確かめられます"
    case .nothingToVerify: return "検証対象なし：この助言を表すシナリオのキーはありません"
    case .interrupted: return "未検証：中断されました"
    }
  }

  public var fixAppliesIt: String { "。このフォルダーの`fix.yaml`がこの変更を適用します" }
  public func statusNote(_ status: String) -> String { "*" + status + "。*" }
}
