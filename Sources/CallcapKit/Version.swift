/// callcap's version, printed by `--version` and recorded in every report.
public enum CallcapVersion {
  public static let string = "0.1.0"
}
