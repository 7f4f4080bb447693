<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CodesPanel</name>
    <message>
        <location filename="../../desk/views/host_codes.py" line="81"/>
        <source>Used</source>
        <translation>已使用</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_codes.py" line="81"/>
        <source>Unused</source>
        <translation>未使用</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_codes.py" line="100"/>
        <source>Copied %1.</source>
        <translation>已复制 %1。</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_codes.py" line="105"/>
        <source>Copied %1 unused codes.</source>
        <translation>已复制 %1 个未使用的邀请码。</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_codes.py" line="112"/>
        <source>Code</source>
        <translation>邀请码</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_codes.py" line="112"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_codes.py" line="112"/>
        <source>Used by</source>
        <translation>使用企业</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_codes.py" line="112"/>
        <source>Used at</source>
        <translation>使用时间</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_codes.py" line="114"/>
        <source>%1 codes: %2 used, %3 unused. A code goes to one enterprise, by mail or SMS.</source>
        <translation>共 %1 个邀请码：已使用 %2 个，未使用 %3 个。一个邀请码通过邮件或短信发给一家企业。</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_codes.py" line="118"/>
        <source>Copy code (Ctrl+C)</source>
        <translation>复制邀请码 (Ctrl+C)</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_codes.py" line="119"/>
        <source>Copy all unused</source>
        <translation>复制全部未使用</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_codes.py" line="120"/>
        <source>Ask the committee for more</source>
        <translation>向组委会申请更多邀请码</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_codes.py" line="122"/>
        <source>Asked so far: %1 codes in %2 requests.</source>
        <translation>已申请：共 %2 次，%1 个邀请码。</translation>
    </message>
</context>
<context>
    <name>DecisionBar</name>
    <message>
        <location filename="../../desk/views/review_decision.py" line="129"/>
        <source>Choose a reason or write one.</source>
        <translation>请选择或填写驳回原因。</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="159"/>
        <source>with the %1 badge requests waiting for it</source>
        <translation>连同等待该企业审核的 %1 份制证申请</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="165"/>
        <source>Approve %1 selected? Ctrl+Enter to confirm, Esc to cancel.</source>
        <translation>通过所选 %1 项？按 Ctrl+Enter 确认，Esc 取消。</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="168"/>
        <source>Reject %1 selected: choose a reason, then Ctrl+Enter.</source>
        <translation>驳回所选 %1 项：请选择原因，然后按 Ctrl+Enter。</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="171"/>
        <source>%1 selected · A approve · R reject</source>
        <translation>已选 %1 项 · A 通过 · R 驳回</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="173"/>
        <source>Select an item to decide.</source>
        <translation>请选择要审核的记录。</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="176"/>
        <source>Approve (A)</source>
        <translation>通过 (A)</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="177"/>
        <source>Reject (R)</source>
        <translation>驳回 (R)</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="178"/>
        <source>Confirm (Ctrl+Enter)</source>
        <translation>确认 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="179"/>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="180"/>
        <source>Reason in your own words (optional with a preset)</source>
        <translation>补充说明（选择预设原因时可不填）</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="183"/>
        <source>Photo not compliant</source>
        <translation>照片不符合要求</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="184"/>
        <source>Business licence unclear</source>
        <translation>营业执照不清晰</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="185"/>
        <source>Information incomplete</source>
        <translation>信息不完整</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="186"/>
        <source>Not invited by us</source>
        <translation>非本机构邀请</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="187"/>
        <source>Document does not match the person</source>
        <translation>证件信息与本人不符</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_decision.py" line="191"/>
        <source>Other (write the reason)</source>
        <translation>其他（请填写原因）</translation>
    </message>
</context>
<context>
    <name>HostPanel</name>
    <message>
        <location filename="../../desk/views/host_panel.py" line="175"/>
        <source>Offline: the host tools need the link to the service.</source>
        <translation>离线：机构工具需要连接服务器。</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="178"/>
        <source>Sign in online to use the host tools.</source>
        <translation>请在线登录后使用机构工具。</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="193"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="195"/>
        <source>%1 — approved by the committee.</source>
        <translation>%1 — 已通过组委会审核。</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="198"/>
        <source>%1 — the committee reviews your organisation&apos;s record first; the other tools open once it is approved.</source>
        <translation>%1 — 组委会将先审核本机构信息，审核通过后才能使用其他功能。</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="229"/>
        <source>Asked the committee for %1 more codes.</source>
        <translation>已向组委会申请 %1 个邀请码。</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="253"/>
        <source>Sent: the committee will review it.</source>
        <translation>已提交，等待组委会审核。</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="259"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="260"/>
        <source>Overview</source>
        <translation>信息总览</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="260"/>
        <source>Invitation codes</source>
        <translation>邀请码</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="261"/>
        <source>Staff and guests</source>
        <translation>机构人员与嘉宾</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="262"/>
        <source>Organisation record</source>
        <translation>机构信息</translation>
    </message>
</context>
<context>
    <name>HostPeoplePanel</name>
    <message>
        <location filename="../../desk/views/host_people.py" line="73"/>
        <source>Staff</source>
        <translation>机构人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_people.py" line="93"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_people.py" line="93"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_people.py" line="93"/>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_people.py" line="93"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_people.py" line="94"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_people.py" line="94"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_people.py" line="95"/>
        <source>Your staff and guests receive delegate badges once the committee approves them. Each needs a one-inch ID photo on a blue or white background.</source>
        <translation>机构人员和嘉宾经组委会审核通过后领取参会代表证件。每人须提供蓝底或白底一寸标准证件照。</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_people.py" line="98"/>
        <source>Add staff member</source>
        <translation>添加机构人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_people.py" line="99"/>
        <source>Add guest or VIP</source>
        <translation>添加嘉宾或贵宾</translation>
    </message>
</context>
<context>
    <name>HostPersonDialog</name>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="96"/>
        <source>Import a one-inch photo that passes the checks.</source>
        <translation>请导入通过检查的一寸照片。</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="121"/>
        <source>Add a guest</source>
        <translation>添加嘉宾</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="122"/>
        <source>Add a staff member</source>
        <translation>添加机构人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="124"/>
        <source>Guest or VIP</source>
        <translation>嘉宾类别</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="124"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="125"/>
        <source>Surname</source>
        <translation>姓</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="125"/>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="126"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="126"/>
        <source>Nationality</source>
        <translation>国籍</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="127"/>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="127"/>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="128"/>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="128"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="129"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="129"/>
        <source>Organisation</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_person_dialog.py" line="130"/>
        <source>Position</source>
        <translation>职务</translation>
    </message>
</context>
<context>
    <name>HostPhotoPicker</name>
    <message>
        <location filename="../../desk/views/host_photo.py" line="52"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_photo.py" line="60"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_photo.py" line="80"/>
        <source>The file passes the checks.</source>
        <translation>文件通过检查。</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_photo.py" line="90"/>
        <source>The file cannot be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_photo.py" line="95"/>
        <source>Import licence scan…</source>
        <translation>导入营业执照扫描件…</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_photo.py" line="96"/>
        <source>JPG or PNG, clear, at most 300 KB</source>
        <translation>JPG 或 PNG 格式，清晰，不超过 300 KB</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_photo.py" line="98"/>
        <source>Import one-inch photo…</source>
        <translation>导入一寸照片…</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_photo.py" line="99"/>
        <source>One-inch ID photo, blue or white background</source>
        <translation>一寸标准证件照，蓝底或白底</translation>
    </message>
</context>
<context>
    <name>HostRecordPanel</name>
    <message>
        <location filename="../../desk/views/host_record.py" line="60"/>
        <source>A licence scan is on file.</source>
        <translation>已上传营业执照扫描件。</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_record.py" line="88"/>
        <source>Name</source>
        <translation>机构名称</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_record.py" line="88"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_record.py" line="89"/>
        <source>Field</source>
        <translation>所属领域</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_record.py" line="89"/>
        <source>Industry category</source>
        <translation>行业类别</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_record.py" line="90"/>
        <source>Credit code (or n/a)</source>
        <translation>统一社会信用代码（无则填 n/a）</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_record.py" line="90"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_record.py" line="91"/>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_record.py" line="91"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_record.py" line="92"/>
        <source>Website</source>
        <translation>网址</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_record.py" line="92"/>
        <source>Business licence</source>
        <translation>营业执照</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_record.py" line="96"/>
        <source>Send for the committee&apos;s review</source>
        <translation>提交组委会审核</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_record.py" line="99"/>
        <source>Review by the committee: %1</source>
        <translation>组委会审核：%1</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_record.py" line="101"/>
        <source>reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_record.py" line="103"/>
        <source>(no more changes)</source>
        <translation>（不能再修改）</translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message>
        <location filename="../../desk/views/host_panel.py" line="108"/>
        <source>Waiting for your review</source>
        <translation>待本机构审核</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="109"/>
        <source>Your staff</source>
        <translation>本机构人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="110"/>
        <source>Your guests and VIPs</source>
        <translation>本机构嘉宾及贵宾</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="112"/>
        <source>Exhibitor enterprises</source>
        <translation>参展企业</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="113"/>
        <source>Exhibitor personnel</source>
        <translation>参展人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="114"/>
        <source>Attendee enterprises</source>
        <translation>参会企业</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="115"/>
        <source>Attendee personnel</source>
        <translation>参会人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="118"/>
        <source>Added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="119"/>
        <source>Under review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="120"/>
        <source>Approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location filename="../../desk/views/host_panel.py" line="121"/>
        <source>Rejected</source>
        <translation>被驳回</translation>
    </message>
</context>
<context>
    <name>ReviewDetail</name>
    <message>
        <location filename="../../desk/views/review_detail.py" line="60"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="39"/>
        <source>Nature</source>
        <translation>单位性质</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="38"/>
        <source>Enterprise name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="40"/>
        <location filename="../../desk/views/review_detail.py" line="76"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="41"/>
        <source>Registered in</source>
        <translation>注册地</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="42"/>
        <source>Company type</source>
        <translation>公司类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="43"/>
        <source>Industry</source>
        <translation>所属行业</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="44"/>
        <source>Fortune Global 500</source>
        <translation>财富世界500强</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="45"/>
        <location filename="../../desk/views/review_detail.py" line="80"/>
        <source>Website</source>
        <translation>网址</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="46"/>
        <source>Participation</source>
        <translation>参与方式</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="47"/>
        <source>Exhibitor type</source>
        <translation>参展类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="48"/>
        <source>Attendee type</source>
        <translation>参会类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="49"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="50"/>
        <source>Contact position</source>
        <translation>联系人职务</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="51"/>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="52"/>
        <source>Contact e-mail</source>
        <translation>联系邮箱</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="53"/>
        <source>Purposes</source>
        <translation>参展/参会目的</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="54"/>
        <source>Exhibit content</source>
        <translation>参展内容</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="55"/>
        <source>Exhibit needs</source>
        <translation>参展需求</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="56"/>
        <source>Introduction</source>
        <translation>单位简介</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="57"/>
        <source>Applied</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="61"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="62"/>
        <source>Nationality</source>
        <translation>国籍</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="63"/>
        <source>Birthday</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="64"/>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="65"/>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="66"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="67"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="68"/>
        <source>Duty</source>
        <translation>用户职责</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="69"/>
        <source>Organisation</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="72"/>
        <source>Organisation name</source>
        <translation>机构名称</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="73"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="74"/>
        <source>Field</source>
        <translation>所属领域</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="75"/>
        <source>Industry category</source>
        <translation>行业类别</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="77"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="78"/>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="79"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="93"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="94"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="179"/>
        <source>Nothing selected</source>
        <translation>未选择记录</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="189"/>
        <source>Rejected before: %1</source>
        <translation>曾被驳回：%1</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="210"/>
        <source>No licence scan</source>
        <translation>无营业执照扫描件</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="210"/>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="212"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="220"/>
        <source>Photo not available</source>
        <translation>照片无法获取</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="236"/>
        <source>Badge requests waiting with this enterprise: %1</source>
        <translation>等待该企业审核的制证申请：%1 份</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="237"/>
        <source>No badge requests wait with this enterprise.</source>
        <translation>该企业没有等待审核的制证申请。</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_detail.py" line="265"/>
        <source>Show full numbers</source>
        <translation>显示完整号码</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../../desk/views/review_panel.py" line="191"/>
        <source>Offline: review decisions need the link to the service. What is shown may be out of date.</source>
        <translation>离线：审核决定需要连接服务器。当前显示的内容可能不是最新的。</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_panel.py" line="194"/>
        <source>You signed in offline. Enter your password to review online.</source>
        <translation>您是离线登录的。请输入密码在线登录后进行审核。</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_panel.py" line="197"/>
        <source>Online as %1 — decisions go straight to the service.</source>
        <translation>已在线登录：%1 — 审核决定直接提交服务器。</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_panel.py" line="295"/>
        <source>Sending %1 decision(s)…</source>
        <translation>正在提交 %1 项审核决定…</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_panel.py" line="328"/>
        <source>%1 decided.</source>
        <translation>已审核 %1 项。</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_panel.py" line="332"/>
        <source>%1 not decided: %2</source>
        <translation>%1 项未能审核：%2</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_panel.py" line="335"/>
        <source>(they wait for another reviewer)</source>
        <translation>（等待其他审核方处理）</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_panel.py" line="369"/>
        <source>Sign in online</source>
        <translation>在线登录</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_panel.py" line="370"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_panel.py" line="371"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_panel.py" line="375"/>
        <source>Both stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_panel.py" line="376"/>
        <source>Stage 1 (host organisation)</source>
        <translation>第一阶段（承办机构）</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_panel.py" line="377"/>
        <source>Stage 2 (committee)</source>
        <translation>第二阶段（组委会）</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message>
        <location filename="../../desk/views/review_models.py" line="103"/>
        <source>Exhibitor enterprises</source>
        <translation>参展企业</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="105"/>
        <source>Attendee enterprises</source>
        <translation>参会企业</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="108"/>
        <source>Exhibitor badges</source>
        <translation>参展商证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="110"/>
        <source>Delegate badges</source>
        <translation>参会代表证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="111"/>
        <source>Buyer badges</source>
        <translation>采购商证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="114"/>
        <source>Host organisation staff</source>
        <translation>承办机构人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="115"/>
        <source>Guests and VIPs</source>
        <translation>嘉宾及贵宾</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="117"/>
        <source>Host organisations</source>
        <translation>承办机构</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="123"/>
        <location filename="../../desk/views/review_models.py" line="131"/>
        <location filename="../../desk/views/review_models.py" line="138"/>
        <location filename="../../desk/views/review_models.py" line="144"/>
        <location filename="../../desk/views/review_models.py" line="150"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="124"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="125"/>
        <source>Registered in</source>
        <translation>注册地</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="126"/>
        <location filename="../../desk/views/review_models.py" line="134"/>
        <source>Stage</source>
        <translation>审核阶段</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="127"/>
        <source>Badge requests</source>
        <translation>制证申请</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="128"/>
        <source>Applied</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="132"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="133"/>
        <source>Document</source>
        <translation>证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="135"/>
        <source>Requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="139"/>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="140"/>
        <location filename="../../desk/views/review_models.py" line="147"/>
        <source>Host organisation</source>
        <translation>承办机构</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="141"/>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="145"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="146"/>
        <source>Organisation</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="151"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="152"/>
        <source>Credit code</source>
        <translation>信用代码</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="153"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="160"/>
        <source>Committee</source>
        <translation>组委会</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="162"/>
        <source>Stage 1 · host organisation</source>
        <translation>第一阶段 · 承办机构</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="163"/>
        <source>Stage 2 · committee</source>
        <translation>第二阶段 · 组委会</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="169"/>
        <source>Pending review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="170"/>
        <source>Under review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="171"/>
        <source>Approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location filename="../../desk/views/review_models.py" line="172"/>
        <source>Rejected</source>
        <translation>被驳回</translation>
    </message>
</context>
</TS>
