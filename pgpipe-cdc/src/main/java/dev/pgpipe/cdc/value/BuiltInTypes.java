package dev.pgpipe.cdc.value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The built-in types pgoutput columns commonly carry, with their fixed OIDs (pg_type.dat). */
final class BuiltInTypes {

  /** {@code oid:name} of scalar types. */
  private static final String SCALARS =
      ""
          + "16:bool 17:bytea 18:char 19:name 20:int8 21:int2 "
          + "23:int4 25:text 26:oid 28:xid 114:json 142:xml "
          + "600:point 650:cidr 700:float4 701:float8 790:money 829:macaddr "
          + "869:inet 1042:bpchar 1043:varchar 1082:date 1083:time 1114:timestamp "
          + "1184:timestamptz 1186:interval 1266:timetz 1560:bit 1562:varbit 1700:numeric "
          + "2950:uuid 3614:tsvector 3802:jsonb 4072:jsonpath 3904:int4range 3926:int8range "
          + "3910:tstzrange 3912:daterange ";

  /** {@code oid:elementOid} of their array types, named {@code _element}. */
  private static final String ARRAYS =
      ""
          + "1000:16 1001:17 1002:18 1003:19 1016:20 1005:21 1007:23 1009:25 "
          + "1028:26 199:114 143:142 1021:700 1022:701 791:790 1040:829 1041:869 "
          + "651:650 1014:1042 1015:1043 1182:1082 1183:1083 1115:1114 1185:1184 1187:1186 "
          + "1270:1266 1561:1560 1563:1562 1231:1700 2951:2950 3807:3802 ";

  private BuiltInTypes() {}

  static List<TypeInfo> all() {
    List<TypeInfo> types = new ArrayList<>();
    Map<Long, String> names = new HashMap<>();
    for (String entry : SCALARS.strip().split(" ")) {
      String[] parts = entry.split(":");
      long oid = Long.parseLong(parts[0]);
      names.put(oid, parts[1]);
      types.add(TypeInfo.base(oid, parts[1]));
    }
    for (String entry : ARRAYS.strip().split(" ")) {
      String[] parts = entry.split(":");
      long element = Long.parseLong(parts[1]);
      types.add(TypeInfo.array(Long.parseLong(parts[0]), "_" + names.get(element), element));
    }
    return types;
  }
}
